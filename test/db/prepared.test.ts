import { expect } from 'chai';
import { resetDatabase, withTransaction, type Db } from '../../src/db';
import { PreparedNames } from '../../src/db/prepared-names';
import { introspect } from '../../src/introspect';
import { engines, useFreshDb } from '../support/engines';

const HELD = `SELECT name FROM pg_catalog.pg_prepared_statements WHERE name LIKE 'schemakit\\_%' ORDER BY 1`;
const RELATIONS = `SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' ORDER BY 1`;

const held = async (db: Db) => (await db.query<{ name: string }>(HELD)).map((r) => r.name);

describe('PreparedNames', () => {
  const table: readonly { readonly ran: string; readonly drops: boolean }[] = [
    { ran: 'DISCARD ALL', drops: true },
    { ran: 'discard   all', drops: true },
    { ran: 'DEALLOCATE ALL', drops: true },
    { ran: 'DEALLOCATE schemakit_0_abc', drops: true },
    { ran: 'DISCARD PLANS', drops: false },
    { ran: 'DISCARD TEMP; DISCARD SEQUENCES', drops: false },
    { ran: 'SELECT 1', drops: false },
  ];
  for (const { ran, drops } of table) {
    it(`${JSON.stringify(ran)} ${drops ? 'starts a new generation' : 'keeps the statements'}`, () => {
      const names = new PreparedNames();
      const before = names.nameOf('SELECT 1');
      names.remember(before.name);
      names.observe(ran);
      const after = names.nameOf('SELECT 1');
      expect(after.known).to.equal(!drops);
      expect(after.name === before.name).to.equal(!drops);
    });
  }

  it('names a statement by its text, distinctly and within the 63 bytes of an identifier', () => {
    const names = new PreparedNames();
    const [a, b] = [names.nameOf('SELECT 1').name, names.nameOf('SELECT 2').name];
    expect(a).to.not.equal(b);
    expect(names.nameOf('SELECT 1').name).to.equal(a);
    expect(a.length).to.be.below(64);
  });
});

for (const engine of engines) {
  describe(`Db.queryPrepared (${engine.name})`, () => {
    const db = useFreshDb(engine);

    it('returns what query returns, preparing once: a second run and a rolled-back transaction keep the statement', async () => {
      await db().exec('CREATE TABLE b (id int); CREATE TABLE a (id int)');
      const before = await held(db());
      expect(await db().queryPrepared(RELATIONS)).to.deep.equal(await db().query(RELATIONS));
      const added = (await held(db())).filter((n) => !before.includes(n));
      expect(added, 'one statement prepared').to.have.length(1);
      await db().exec('BEGIN');
      await db().exec('CREATE TABLE c (id int)');
      expect(
        (await db().queryPrepared<{ relname: string }>(RELATIONS)).map((r) => r.relname),
        'executed, not cached rows',
      ).to.deep.equal(['a', 'b', 'c']);
      await db().exec('ROLLBACK');
      expect((await db().queryPrepared<{ relname: string }>(RELATIONS)).map((r) => r.relname)).to.deep.equal(['a', 'b']);
      expect((await held(db())).filter((n) => !before.includes(n))).to.deep.equal(added);
    });

    it('prepares again after DISCARD ALL run through the connection, and keeps its statements over resetDatabase', async () => {
      await db().queryPrepared(RELATIONS);
      await db().exec('DISCARD ALL');
      expect(await held(db())).to.deep.equal([]);
      await db().exec('CREATE TABLE a (id int)');
      expect(await db().queryPrepared(RELATIONS)).to.deep.equal([{ relname: 'a' }]);
      const kept = await held(db());
      expect(kept).to.have.length(1);
      await resetDatabase(db());
      expect(await held(db()), 'reset keeps the catalog statements').to.deep.equal(kept);
      expect(await db().queryPrepared(RELATIONS)).to.deep.equal([]);
    });

    it('queryPreparedBatch runs prepared statements in one round trip, in order; null (nothing run) when one is not prepared', async () => {
      // Texts of their own: the pooled session may hold RELATIONS from an earlier test (resets keep statements).
      const run = `-- batch ${Date.now()}-${Math.random()}`;
      const relations = `${RELATIONS} ${run}`;
      const count = `SELECT count(*)::int AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' ${run}`;
      await db().exec('CREATE TABLE b (id int); CREATE TABLE a (id int)');
      expect(await db().queryPreparedBatch([relations]), 'not prepared yet').to.equal(null);
      await db().queryPrepared(relations);
      expect(await db().queryPreparedBatch([relations, count]), 'one of them not prepared').to.equal(null);
      await db().queryPrepared(count);
      await db().exec('CREATE TABLE c (id int)');
      expect(await db().queryPreparedBatch([count, relations, count])).to.deep.equal([[{ n: 3 }], await db().query(RELATIONS), [{ n: 3 }]]);
      await db().exec('DISCARD ALL');
      expect(await db().queryPreparedBatch([relations]), 'forgotten by DISCARD ALL').to.equal(null);
    });

    it("queryPreparedBatch with unprepared: 'prepare' prepares what is not prepared in the same round trip; a failed batch leaves the session usable", async () => {
      const run = `-- prepare ${Date.now()}-${Math.random()}`;
      const relations = `${RELATIONS} ${run}`;
      const count = `SELECT count(*)::int AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' ${run}`;
      await db().exec('CREATE TABLE b (id int); CREATE TABLE a (id int)');
      await db().queryPrepared(count);
      const before = (await held(db())).length;
      expect(await db().queryPreparedBatch([relations, count, relations], { unprepared: 'prepare' })).to.deep.equal([
        await db().query(RELATIONS),
        [{ n: 2 }],
        await db().query(RELATIONS),
      ]);
      expect((await held(db())).length, 'relations prepared by the batch').to.equal(before + 1);
      // Now prepared: a plain batch runs it, and so does queryPrepared (by name, not preparing it again).
      await db().exec('CREATE TABLE c (id int)');
      expect(await db().queryPreparedBatch([relations])).to.deep.equal([await db().query(RELATIONS)]);
      expect(await db().queryPrepared(relations)).to.deep.equal(await db().query(RELATIONS));
      // A batch that fails after a PREPARE: that statement is prepared again under a new name, without error.
      const broken = `SELECT * FROM no_such_table ${run}`;
      const fresh = `SELECT 1 AS one ${run}`;
      let failed = false;
      await db()
        .queryPreparedBatch([fresh, broken], { unprepared: 'prepare' })
        .catch(() => (failed = true));
      expect(failed).to.equal(true);
      expect(await db().queryPrepared(fresh)).to.deep.equal([{ one: 1 }]);
      expect(await db().queryPreparedBatch([fresh, relations], { unprepared: 'prepare' })).to.deep.equal([[{ one: 1 }], await db().query(RELATIONS)]);
    });

    it('a second introspection reads its catalog queries in one batch, and sees what changed in between, inside a transaction too', async () => {
      await db().exec('CREATE TABLE t (id int PRIMARY KEY)');
      await introspect(db());
      // Counted on the Db itself: a copy would not be known as inside the caller's transaction.
      const counting = db();
      const batch = counting.queryPreparedBatch.bind(counting);
      let batches = 0;
      counting.queryPreparedBatch = async (sqls) => {
        batches += 1;
        return batch(sqls);
      };
      await db().exec('ALTER TABLE t ADD COLUMN name text');
      const second = await introspect(counting);
      expect(batches).to.equal(1);
      expect(second.tables[0]?.columns.map((c) => c.name)).to.deep.equal(['id', 'name']);
      const third = await withTransaction(counting, async () => {
        await counting.exec('ALTER TABLE t ADD COLUMN note text');
        return introspect(counting);
      });
      expect(batches).to.equal(2);
      expect(third.tables[0]?.columns.map((c) => c.name)).to.deep.equal(['id', 'name', 'note']);
      const oneByOne: Db = { ...db(), queryPreparedBatch: async () => null };
      expect(await introspect(counting), 'the same catalog as each query run alone').to.deep.equal(await introspect(oneByOne));
    });

    it('introspection keeps one set of statements per catalog scale: a database growing past ~300 objects of its own is read with hash joins only', async () => {
      await db().exec('CREATE TABLE t (id int PRIMARY KEY)');
      await introspect(db());
      const small = (await held(db())).length;
      // 300 functions make it large: its statements are prepared again (other plans, nested loops off)…
      await db().exec(
        `DO $$ BEGIN FOR i IN 1..300 LOOP EXECUTE format('CREATE FUNCTION public.f%s() RETURNS int LANGUAGE sql AS ''SELECT 1''', i); END LOOP; END $$`,
      );
      const large = await introspect(db());
      expect(large.routines).to.have.length(300);
      const both = (await held(db())).length;
      expect(both - small, 'a second set of statements').to.be.above(20);
      expect((await db().query<{ on: string }>("SELECT current_setting('enable_nestloop') AS on"))[0]?.on, 'settings restored').to.equal('on');
      // …and back under the threshold, the small set is used again: nothing more is prepared.
      await db().exec('DROP FUNCTION ' + Array.from({ length: 300 }, (_, i) => `public.f${i + 1}()`).join(', '));
      const again = await introspect(db());
      expect(again.routines).to.deep.equal([]);
      expect(again.tables.map((x) => x.name)).to.deep.equal(['t']);
      expect((await held(db())).length).to.equal(both);
    });

    it('introspection prepares its catalog queries once: a second introspect adds none and reads the change between', async () => {
      await db().exec('CREATE TABLE t (id int PRIMARY KEY)');
      const first = await introspect(db());
      const count = (await held(db())).length;
      expect(count, 'introspection prepared its queries').to.be.above(20);
      await db().exec('ALTER TABLE t ADD COLUMN name text');
      const second = await withTransaction(db(), () => introspect(db()));
      expect((await held(db())).length).to.equal(count);
      expect(first.tables[0]?.columns.map((c) => c.name)).to.deep.equal(['id']);
      expect(second.tables[0]?.columns.map((c) => c.name)).to.deep.equal(['id', 'name']);
    });
  });
}
