import { expect } from 'chai';
import { engine } from '../support/engines';
import { expectExit, useCliTarget } from '../cli/cli-target';
import { runCli } from '../cli/run-cli';

const shop = {
  'shop.ts': `import { table, c, index } from 'schemakit';

export const customers = table('customers', {
  comment: 'Buyers',
  columns: { id: c.integer().primaryKey(), email: c.varchar(255).notNull() },
});

export const orders = table('orders', {
  comment: 'Orders',
  columns: {
    id: c.integer().generatedByDefaultAsIdentity().primaryKey(),
    customer_id: c.integer().references(() => customers.columns.id),
    v: c.integer(),
  },
  indexes: (t) => [
    index('orders_v').on(t.v),
    index('orders_v_again').on(t.v),
  ],
});
`,
};

interface Json {
  readOnly: boolean;
  findings: {
    kind: string;
    severity: string;
    object: string | null;
    numbers: Record<string, unknown>;
    fix: { text: string; sql?: string; typescript?: string } | null;
    location: string | null;
  }[];
  unavailable: unknown[];
  summary: Record<string, number>;
}

// The CLI runs against the server here; the library tests cover PGlite (where the activity counters are missing).
const pg = engine('postgres');
(pg ? describe : describe.skip)('schemakit health / vacuum / analyze / refresh (CLI, postgres-15)', function () {
  const target = useCliTarget(pg!, shop, 'schemakit-health-');
  const run = (args: string[], env?: Record<string, string>) => runCli(args, { cwd: target().project.dir, env, timeoutMs: 120_000 });

  // Every test starts from this state: the shop applied, 60,000 orders of which three quarters deleted.
  before(async function () {
    this.timeout(180_000);
    const t = target();
    expectExit(await run(['apply', '--yes', ...t.urlArgs]), 0);
    await t.onTarget((db) =>
      db.exec(`INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 100) g;
      INSERT INTO orders (customer_id, v) SELECT g % 100 + 1, g FROM generate_series(1, 60000) g;
      DELETE FROM orders WHERE id % 4 <> 0; ANALYZE;`),
    );
    await new Promise((r) => setTimeout(r, 1200)); // the server publishes statistics counters about once a second
  });

  it('reports the unused and duplicate index, the unindexed foreign key and the bloated table with numbers, fixes and file:line, as text and as JSON', async () => {
    const t = target();
    const r = await run(['health', '--json', ...t.urlArgs]);
    expectExit(r, 0);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.readOnly).to.equal(true);
    const find = (kind: string, object: string) => {
      const f = j.findings.find((x) => x.kind === kind && x.object === object);
      expect(f, `${kind} ${object}`).to.not.equal(undefined);
      return f!;
    };
    const unused = find('unused-index', 'public.orders_v');
    expect(unused.numbers.scans).to.equal(0);
    expect(unused.numbers.bytes).to.be.greaterThan(0);
    expect(unused.location).to.equal('schema/shop.ts:16');
    const dup = find('duplicate-index', 'public.orders_v_again');
    expect(dup.location).to.equal('schema/shop.ts:17');
    expect(dup.fix?.sql).to.equal('DROP INDEX CONCURRENTLY public.orders_v_again;');
    expect(dup.fix?.text).to.include('remove its declaration at schema/shop.ts:17');
    const fk = find('fk-without-index', 'public.orders.orders_customer_id_fkey');
    expect(fk.numbers.rows).to.equal(15000);
    expect(fk.location).to.equal('schema/shop.ts:12');
    expect(fk.fix?.typescript).to.equal('index().on(t.customer_id)');
    expect(fk.fix?.text).to.equal('declare an index in the indexes of public.orders at schema/shop.ts:8');
    const bloat = find('table-bloat', 'public.orders');
    expect(bloat.numbers['bloat-pct']).to.be.within(60, 80);
    expect(bloat.location).to.equal('schema/shop.ts:8');
    const dead = find('dead-tuples', 'public.orders');
    expect(dead.numbers['dead-rows']).to.equal(45000);
    find('varchar-length', 'public.customers.email');

    const text = await run(['health', ...t.urlArgs]);
    expectExit(text, 0);
    for (const s of [
      'Warnings (',
      'unused-index  index public.orders_v on public.orders',
      'at schema/shop.ts:16',
      'fix: declare an index in the indexes of public.orders at schema/shop.ts:8',
      '           index().on(t.customer_id)',
      'table-bloat  public.orders:',
      'DROP INDEX CONCURRENTLY public.orders_v_again;',
      'pg_stat_statements is not installed',
    ]) {
      expect(text.stdout).to.include(s);
    }
    expect(text.stdout).to.match(/\d+ error\(s\), \d+ warning\(s\), \d+ info\n$/);
  });

  it('exits 1 with --fail-on when a finding is that severe, and --only narrows the report', async () => {
    const t = target();
    expectExit(await run(['health', '--fail-on', 'warning', '--only', 'indexes', ...t.urlArgs]), 1);
    expectExit(await run(['health', '--fail-on', 'error', '--only', 'indexes', ...t.urlArgs]), 0);
    const only = JSON.parse((await run(['health', '--json', '--only', 'duplicate-index', ...t.urlArgs])).stdout) as Json;
    expect(only.findings.map((f) => f.kind)).to.deep.equal(['duplicate-index']);
    const strict = JSON.parse((await run(['health', '--json', '--only', 'table-bloat', '--bloat-pct', '99', ...t.urlArgs])).stdout) as Json;
    expect(strict.findings).to.deep.equal([]);
    const bad = await run(['health', '--only', 'nope', ...t.urlArgs]);
    expectExit(bad, 1);
    expect(bad.stderr).to.include('unknown finding kind or category nope');
    const badNumber = await run(['health', '--bloat-pct', 'lots', ...t.urlArgs]);
    expectExit(badNumber, 1);
    expect(badNumber.stderr).to.include('--bloat-pct must be a non-negative number, not "lots"');
  });

  it('with --schema and no database, runs the design lint alone', async () => {
    const r = await run(['health', '--schema', 'schema', '--json']);
    expectExit(r, 0);
    const j = JSON.parse(r.stdout) as Json & { database: null };
    expect(j.database).to.equal(null);
    expect(j.findings.map((f) => [f.kind, f.location])).to.deep.equal([
      ['design-fk-without-index', 'schema/shop.ts:12'],
      ['varchar-length', 'schema/shop.ts:5'],
    ]);
  });

  it('vacuum --if-bloat-over picks the bloated table; analyze and refresh; --dry-run runs nothing', async () => {
    const t = target();
    const dry = await run(['vacuum', '--if-bloat-over', '30', '--full', '--dry-run', '--json', ...t.urlArgs]);
    expectExit(dry, 0);
    const steps = (JSON.parse(dry.stdout) as { dryRun: boolean; steps: { object: string; sql: string; reason: string }[] }).steps;
    expect(steps.map((s) => s.sql)).to.deep.equal(['VACUUM (FULL, ANALYZE) public.orders']);
    const done = await run(['vacuum', '--if-bloat-over', '30', '--full', ...t.urlArgs]);
    expectExit(done, 0);
    expect(done.stdout).to.match(/VACUUM \(FULL, ANALYZE\) public\.orders {2}\d+ ms, bloat [\d.]+% \(estimate\)\n1 statement\(s\) in \d+ ms\./);
    const analyze = JSON.parse((await run(['analyze', '--table', 'customers', '--json', ...t.urlArgs])).stdout) as { steps: { sql: string }[] };
    expect(analyze.steps.map((s) => s.sql)).to.deep.equal(['ANALYZE public.customers']);
    await t.onTarget((db) =>
      db.exec('CREATE MATERIALIZED VIEW totals AS SELECT customer_id, count(*) AS n FROM orders GROUP BY 1; CREATE UNIQUE INDEX ON totals (customer_id);'),
    );
    const refresh = await run(['refresh', 'totals', ...t.urlArgs]);
    expectExit(refresh, 0);
    expect(refresh.stdout).to.include('REFRESH MATERIALIZED VIEW CONCURRENTLY public.totals');
    const missing = await run(['refresh', 'nope', ...t.urlArgs]);
    expectExit(missing, 1);
    expect(missing.stderr).to.include('no materialized view named nope');
  });
});
