import { expect } from 'chai';
import { c, collectDeclarations, index, table } from '../../src/declare';
import { lintDeclared } from '../../src/health';
import { present } from '../support/present';

// The design lint needs no database: it runs on the declared model, on every engine alike.
describe('health design lint (declarations, no database)', () => {
  const customers = table('customers', {
    comment: 'Buyers',
    columns: { id: c.integer().primaryKey().comment('key'), email: c.varchar(255).notNull() },
  });
  const orders = table('orders', {
    comment: 'Orders',
    columns: {
      id: c.bigint().primaryKey(),
      customer_id: c.integer().references(() => customers.columns.id),
      seller_id: c.integer().references(() => customers.columns.id),
      placed_at: c.timestamp(),
      paid_at: c.timestamptz(),
    },
    indexes: (t) => [index().on(t.seller_id, t.placed_at)],
  });
  const logLines = table('log_lines', { columns: { line: c.text() } });
  const declared = collectDeclarations([{ customers, orders, logLines }]);
  const line = (key: string) => declared.locations.get(key);

  it('finds each problem at its declaration', () => {
    const r = lintDeclared(declared);
    const got = r.findings.map((f) => [f.severity, f.kind, f.object, f.location]);
    expect(got).to.deep.equal([
      ['warning', 'no-primary-key', 'public.log_lines', line('public.log_lines')],
      ['warning', 'design-fk-without-index', 'public.orders.orders_customer_id_fkey', line('public.orders.orders_customer_id_fkey')],
      ['warning', 'timestamp-without-time-zone', 'public.orders.placed_at', line('public.orders.placed_at')],
      ['info', 'varchar-length', 'public.customers.email', line('public.customers.email')],
      ['info', 'missing-comment', 'public.log_lines', line('public.log_lines')],
    ]);
    for (const [, , , at] of got) expect(at).to.match(/design-lint\.test\.(ts|js):\d+$/);
    expect(r.database).to.equal(null);
    expect(r.summary).to.deep.equal({ errors: 0, warnings: 3, infos: 2 });
    const fk = present(r.findings[1]);
    expect(fk.fix?.typescript).to.equal('index().on(t.customer_id)');
    expect(fk.fix?.text).to.equal(`add to the indexes of public.orders at ${line('public.orders')}`);
    expect(present(r.findings[3]).fix?.typescript).to.equal('email: c.text().check((x) => sql`length(${x}) <= 255`)');
    expect(present(r.findings[3]).numbers).to.deep.equal({ length: 255 });
  });

  it('checks column comments only when asked, and --only narrows the kinds', () => {
    const r = lintDeclared(declared, { requireColumnComments: true, only: ['missing-comment'] });
    expect(r.findings.map((f) => f.object)).to.deep.equal([
      'public.customers.email',
      'public.log_lines',
      'public.log_lines.line',
      'public.orders.customer_id',
      'public.orders.id',
      'public.orders.paid_at',
      'public.orders.placed_at',
      'public.orders.seller_id',
    ]);
    expect(() => lintDeclared(declared, { only: ['nope'] })).to.throw(/unknown finding kind or category nope/);
  });
});
