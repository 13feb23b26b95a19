import { expect } from 'chai';
import { checkData } from '../../src/check';
import { c, collectDeclarations, dataCheck, expect as expectRows, foreignKey, primaryKey, table, validateDeclared } from '../../src/declare';
import { engines, useFreshDb } from '../support/engines';
import { queryRow } from '../../src/db';
import { present } from '../support/present';

// Declarations with every kind of integrity fact; the tables are created by SQL below (logical FKs are never created).
const users = table('users', {
  naturalKey: ['email'],
  columns: { id: c.integer().primaryKey(), email: c.text(), status: c.text(), code: c.text() },
});
const orders = table('orders', {
  columns: { id: c.integer().primaryKey(), user_id: c.integer().references(() => users.columns.id, { enforced: false }) },
});
const links = table('links', {
  columns: { a: c.integer(), b: c.integer() },
  primaryKey: (t) => primaryKey(t.a, t.b),
  foreignKeys: (t) => [
    foreignKey('links_b_fk', [t.b])
      .references(() => users)
      .enforced(false),
  ],
});
const empty = table('empty_t', { columns: { id: c.integer().primaryKey() } });
const usersOk = expectRows(users)
  .rows('>', 0)
  .noEmptyStrings(users.columns.email)
  .matches('code', '^[A-Z]{2}$')
  .values(users.columns.status, ['active', 'closed']);
const emptyOk = expectRows(empty).rows('>', 0);
const noSelfOrders = dataCheck('orders_positive_ids', 'SELECT id FROM orders WHERE id < 0 ORDER BY id');
const declared = collectDeclarations([{ users, orders, links, empty, usersOk, emptyOk, noSelfOrders }]);
const at = (loc: string | null | undefined) => expect(loc).to.match(/check\.test\.(ts|js):\d+$/);

const SETUP = `
CREATE TABLE users (id int PRIMARY KEY, email text, status text, code text);
CREATE TABLE orders (id int PRIMARY KEY, user_id int);
CREATE TABLE links (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE empty_t (id int PRIMARY KEY);
CREATE TABLE items (id serial PRIMARY KEY, order_id int, qty int);
INSERT INTO users VALUES (1, 'a@x', 'active', 'AB'), (2, 'a@x', 'closed', 'CD'), (3, '', 'active', 'x1'), (4, 'b@x', 'gone', NULL),
  (5, 'b@x', 'active', 'EF'), (6, 'b@x', NULL, 'GH'), (7, '  ', 'active', 'IJ'), (8, NULL, 'active', 'KL'), (9, NULL, 'active', 'MN');
INSERT INTO orders VALUES (-1, 1), (10, 1), (11, 99), (12, 98), (13, NULL), (14, 97);
INSERT INTO links VALUES (1, 1), (1, 50), (2, 51);
INSERT INTO items (id, order_id, qty) VALUES (1, 10, 1), (2, 11, -5), (3, 99, 2), (4, 12, -1);
ALTER TABLE items ADD CONSTRAINT items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;
ALTER TABLE items ADD CONSTRAINT items_qty_check CHECK (qty > 0) NOT VALID;
CREATE INDEX items_qty_idx ON items (qty);
UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'items_qty_idx'::regclass;`;

for (const engine of engines) {
  describe(`schemakit check (${engine.name})`, function () {
    this.timeout(180_000);
    const db = useFreshDb(engine);

    it('the declarations validate, and unknown columns are reported at file:line', () => {
      expect(validateDeclared(declared)).to.deep.equal([]);
      const bad = collectDeclarations([{ t: table('t', { naturalKey: ['nope'] as never, columns: { id: c.integer() } }) }]);
      const problems = validateDeclared(bad);
      expect(problems.map((p) => [p.code, p.object])).to.deep.equal([['unknown-column', 'public.t.nope']]);
      at(present(problems[0]).location);
      const t2 = table('t2', { columns: { id: c.integer() } });
      const bad2 = collectDeclarations([{ t2, e: expectRows(t2).values('zz', []) }]);
      expect(validateDeclared(bad2).map((p) => p.code)).to.deep.equal(['unknown-column', 'invalid-expectation']);
    });

    it('a logical foreign key is never a constraint of the catalog', () => {
      expect(declared.catalog.constraints.filter((k) => k.kind === 'ForeignKey')).to.deep.equal([]);
      expect(declared.integrity!.logicalForeignKeys.map((f) => f.name)).to.deep.equal(['orders_user_id_fkey', 'links_b_fk']);
    });

    it('finds each kind with exact counts, samples and declaration file:line, in a read-only transaction', async () => {
      await db().exec(SETUP);
      await db().exec(`SELECT setval('items_id_seq', 2)`);
      const r = await checkData(db(), { declared });
      expect(r.readOnly).to.equal(true);
      const got = Object.fromEntries(r.findings.map((f) => [`${f.kind} ${f.object}`, [f.count, f.samples]]));
      expect(got).to.deep.equal({
        'not-valid-foreign-key public.items.items_order_fk': [1, ['3']],
        'not-valid-check public.items.items_qty_check': [2, ['2', '4']],
        'orphans public.orders.orders_user_id_fkey': [3, ['11', '12', '14']],
        'orphans public.links.links_b_fk': [2, ['(1,50)', '(2,51)']],
        'duplicate-natural-key public.users': [2, ['a@x', 'b@x']],
        'empty-strings public.users.email': [2, ['3', '7']],
        'unmatched-pattern public.users.code': [1, ['3']],
        'unaccepted-values public.users.status': [1, ['4']],
        'row-count public.empty_t': [0, []],
        'data-check orders_positive_ids': [1, ['(-1)']],
        'invalid-index public.items_qty_idx': [1, []],
        'sequence-behind public.items.id': [2, ['4', '3']],
      });
      const byKind = (k: string) => r.findings.find((f) => f.kind === k)!;
      for (const k of ['orphans', 'duplicate-natural-key', 'empty-strings', 'row-count', 'data-check']) at(byKind(k).location);
      expect(byKind('duplicate-natural-key').message).to.equal('natural key (email) of public.users: 2 duplicate groups (5 rows)');
      expect(byKind('duplicate-natural-key').fix).to.equal('schemakit dedupe public.users --key email --keep most-complete');
      expect(byKind('row-count').message).to.equal('public.empty_t has 0 rows, expected > 0');
      expect(byKind('sequence-behind').fix).to.match(/^SELECT setval\('public\.items_id_seq', \(SELECT max\(id\) FROM public\.items\)\);$/);
      expect(r.skipped).to.deep.equal([]);
    });

    it('--table narrows the checks; an unknown table is an error; a failing check is skipped with its reason', async () => {
      await db().exec(SETUP);
      const r = await checkData(db(), { declared, tables: ['links'] });
      expect(r.findings.map((f) => f.kind)).to.deep.equal(['orphans']);
      let err: Error | null = null;
      try {
        await checkData(db(), { declared, tables: ['nope'] });
      } catch (e) {
        err = e as Error;
      }
      expect(err?.message).to.equal(`check: no table nope in ${db().description}`);
      const broken = collectDeclarations([{ d: dataCheck('broken', 'SELECT nope FROM orders') }]);
      const r2 = await checkData(db(), { declared: broken });
      expect(r2.skipped.map((s) => [s.kind, s.object])).to.deep.equal([['data-check', 'broken']]);
      expect(present(r2.skipped[0]).reason).to.match(/column "nope" does not exist/);
      expect(r2.findings.length).to.equal(4); // the catalog checks still ran after the failure
    });

    it('schemas limits the checks to the tables of those schemas (a fleet tenant); data checks still run', async () => {
      await db().exec(SETUP);
      await db().exec("CREATE SCHEMA t1; CREATE TABLE t1.users (id int PRIMARY KEY, email text); INSERT INTO t1.users VALUES (1, 'x'), (2, 'x')");
      const inT1 = collectDeclarations([
        { u: table('t1', 'users', { naturalKey: ['email'], columns: { id: c.integer().primaryKey(), email: c.text() } }), noSelfOrders },
      ]);
      const r = await checkData(db(), { declared: inT1, schemas: ['t1'] });
      expect(r.findings.map((f) => [f.kind, f.object])).to.deep.equal([
        ['duplicate-natural-key', 't1.users'],
        ['data-check', 'orders_positive_ids'],
      ]);
      const none = await checkData(db(), { declared: null, schemas: ['t1'] });
      expect(none.findings, 'the NOT VALID constraints, invalid index and sequence of public are out of scope').to.deep.equal([]);
    });

    it('a data check cannot write: the transaction is read-only', async () => {
      await db().exec(SETUP);
      const w = collectDeclarations([{ d: dataCheck('writes', `SELECT nextval('items_id_seq') AS v`) }]);
      const r = await checkData(db(), { declared: w });
      expect(r.skipped.map((s) => s.object)).to.deep.equal(['writes']);
      expect(present(r.skipped[0]).reason).to.match(/read-only transaction/);
      expect((await queryRow<{ v: string }>(db(), `SELECT last_value::text AS v FROM items_id_seq`)).v).to.equal('1');
    });

    it('tables not in the database yet are reported as not checked', async () => {
      const r = await checkData(db(), { declared });
      expect(r.findings).to.deep.equal([]);
      expect(r.skipped.map((s) => `${s.kind} ${s.object}`)).to.include('duplicate-natural-key public.users');
      expect(r.skipped.find((s) => s.kind === 'duplicate-natural-key')!.reason).to.equal('public.users is not in the database (apply the schema first)');
    });
  });
}
