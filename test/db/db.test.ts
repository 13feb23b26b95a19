import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { connectPostgres, createScratch, DbQueryError, defaultAdminUrl, openPglite, resetDatabase, withTransaction, type Db } from '../../src/db';
import { introspect } from '../../src/introspect';
import { SchemakitError } from '../../src/util';
import { engines, useFreshDb } from '../support/engines';

/** What makes a database "brand-new" beyond the model: public's owner, ACL and comment, and no extensions. */
async function newDatabaseFacts(db: Db): Promise<unknown> {
  const rows = await db.query(
    `SELECT n.nspname, pg_catalog.pg_get_userbyid(n.nspowner) AS owner, n.nspacl::text AS acl,
            pg_catalog.obj_description(n.oid, 'pg_namespace') AS comment
       FROM pg_catalog.pg_namespace n
      -- pg_temp_N / pg_toast_temp_N stay in the catalog once a session has used temporary objects (a pooled
      -- test database that an earlier file used): session artifacts, not state a user created.
      WHERE n.nspname !~ '^pg_(toast_)?temp_'
      ORDER BY 1`,
  );
  const extensions = await db.query(`SELECT extname FROM pg_catalog.pg_extension ORDER BY 1`);
  return { rows, extensions };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

for (const engine of engines) {
  describe(`db on ${engine.name}`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine);

    it('fresh() is a brand-new empty database', async () => {
      const catalog = await introspect(db());
      expect(catalog.schemas).to.deep.equal([{ kind: 'Schema', name: 'public', comment: 'standard public schema' }]);
      expect(catalog.tables).to.deep.equal([]);
      expect(catalog.extensions).to.deep.equal([]);
      const facts = (await newDatabaseFacts(db())) as { rows: { nspname: string; owner: string; acl: string }[] };
      const pub = facts.rows.find((r) => r.nspname === 'public')!;
      expect(pub.owner).to.equal('pg_database_owner');
      expect(pub.acl).to.equal('{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}');
    });

    it('reports the engine and server version', () => {
      expect(db().engine).to.equal(engine.kind);
      expect(db().serverVersion).to.be.at.least(engine.kind === 'pglite' ? 180000 : 150000);
      if (engine.kind === 'postgres') expect(db().url).to.match(/^postgres:\/\//);
      else expect(db().url).to.equal(null);
    });

    it('query returns rows with the same JavaScript values on both engines', async () => {
      const [row] = await db().query<Record<string, unknown>>(
        `SELECT $1::int AS i, 9007199254740993::int8 AS big, '{a,b}'::name[] AS names, '{"k":1}'::json AS j, true AS b, $2::text AS t`,
        [42, 'x'],
      );
      expect(row).to.deep.equal({ i: 42, big: '9007199254740993', names: ['a', 'b'], j: { k: 1 }, b: true, t: 'x' });
    });

    it('exec runs a script of several statements', async () => {
      await db().exec('CREATE TABLE a (x int); INSERT INTO a VALUES (1), (2); CREATE TABLE b (y int)');
      expect(await db().query('SELECT count(*)::int AS n FROM a')).to.deep.equal([{ n: 2 }]);
    });

    it('wraps errors with SQLSTATE, position, detail and the statement', async () => {
      const err = await rejection(db().query('SELECT 1 AS x,\n  nope FROM pg_catalog.pg_class'));
      expect(err).to.be.instanceOf(DbQueryError).and.instanceOf(SchemakitError);
      const e = err as DbQueryError;
      expect(e.stage).to.equal('db');
      expect(e.code).to.equal('query-failed');
      expect(e.sqlState).to.equal('42703');
      expect(e.message).to.match(/^db: column "nope" does not exist \(42703\) at line 2, column 3 in: nope FROM pg_catalog\.pg_class$/);
      expect((e.cause as { code?: string }).code).to.equal('42703');

      await db().exec('CREATE TABLE u (id int PRIMARY KEY); INSERT INTO u VALUES (1)');
      const dup = (await rejection(db().exec('INSERT INTO u VALUES (1)'))) as DbQueryError;
      expect(dup.sqlState).to.equal('23505');
      expect(dup.message).to.contain('DETAIL: Key (id)=(1) already exists.');
    });

    it('withTransaction commits, rolls back and nests as savepoints', async () => {
      await db().exec('CREATE TABLE t (x int)');
      await withTransaction(db(), () => db().exec('INSERT INTO t VALUES (1)'));
      const boom = new Error('boom');
      expect(
        await rejection(
          withTransaction(db(), async () => {
            await db().exec('INSERT INTO t VALUES (2)');
            throw boom;
          }),
        ),
      ).to.equal(boom);
      await withTransaction(db(), async () => {
        await db().exec('INSERT INTO t VALUES (3)');
        await rejection(
          withTransaction(db(), async () => {
            await db().exec('INSERT INTO t VALUES (4)');
            await db().exec('SELECT 1/0');
          }),
        );
        await withTransaction(db(), () => db().exec('INSERT INTO t VALUES (5)'));
      });
      expect(await db().query('SELECT x FROM t ORDER BY x')).to.deep.equal([{ x: 1 }, { x: 3 }, { x: 5 }]);
    });

    it('resetDatabase returns the database to the state of a new one', async () => {
      const searchPath = await db().query("SELECT current_setting('search_path') AS p");
      const before = { catalog: await introspect(db()), facts: await newDatabaseFacts(db()) };
      await db()
        .exec(
          `
        CREATE SCHEMA s1; CREATE SCHEMA "Odd ""one""";
        CREATE TABLE s1.t (id serial PRIMARY KEY);
        CREATE TYPE public.e AS ENUM ('a');
        CREATE TABLE public.p (e public.e);
        COMMENT ON SCHEMA public IS 'changed';
        REVOKE USAGE ON SCHEMA public FROM PUBLIC;
        CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
        CREATE DOMAIN s1.positive AS int CHECK (VALUE > 0);
        CREATE VIEW s1.v AS SELECT * FROM s1.t;
        CREATE MATERIALIZED VIEW public.mv AS SELECT 1 AS one;
        CREATE TABLE public.parted (k int) PARTITION BY LIST (k);
        CREATE TABLE public.parted_1 PARTITION OF public.parted FOR VALUES IN (1);
        SET search_path = s1;
        BEGIN; SELECT 1/0;`,
        )
        .catch(() => undefined);
      await resetDatabase(db());
      expect({ catalog: await introspect(db()), facts: await newDatabaseFacts(db()) }).to.deep.equal(before);
      expect(await db().query("SELECT current_setting('search_path') AS p")).to.deep.equal(searchPath);
    });

    it('resetDatabase keeps an untouched public schema (its objects dropped one by one) and replaces a changed one', async () => {
      const publicOid = async () => (await db().query<{ oid: number }>("SELECT oid::int AS oid FROM pg_catalog.pg_namespace WHERE nspname = 'public'"))[0]?.oid;
      const before = { catalog: await introspect(db()), facts: await newDatabaseFacts(db()), oid: await publicOid() };
      // Kinds whose DROP leaves pg_namespace alone: public stays (a changed pg_namespace makes sessions plan their
      // prepared statements again).
      await db().exec(`
        CREATE FUNCTION public.add_int(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
        CREATE AGGREGATE public.total(integer) (SFUNC = public.add_int, STYPE = integer);
        CREATE PROCEDURE public.p() LANGUAGE sql AS 'SELECT 1';
        CREATE TYPE public.mood AS ENUM ('ok'); CREATE TYPE public.pair AS (a int, b int);
        CREATE DOMAIN public.positive AS int CHECK (VALUE > 0);
        CREATE COLLATION public.bytes (provider = libc, locale = 'C');
        CREATE SEQUENCE public.counter;
        CREATE TABLE public.t (a int, b int, m public.mood); CREATE STATISTICS public.t_ab ON a, b FROM public.t;
        CREATE VIEW public.v AS SELECT public.total(a) FROM public.t;
        CREATE TEXT SEARCH CONFIGURATION public.simple_copy (COPY = pg_catalog.simple);`);
      await resetDatabase(db());
      expect({ catalog: await introspect(db()), facts: await newDatabaseFacts(db()), oid: await publicOid() }).to.deep.equal(before);
      // An operator (its DROP would make sessions plan again anyway) and a changed privilege: public is made anew.
      await db().exec(`
        CREATE FUNCTION public.add_int(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
        CREATE OPERATOR public.<=> (LEFTARG = integer, RIGHTARG = integer, FUNCTION = public.add_int);`);
      await resetDatabase(db());
      const afterOperator = { catalog: await introspect(db()), facts: await newDatabaseFacts(db()) };
      expect(afterOperator).to.deep.equal({ catalog: before.catalog, facts: before.facts });
      expect(await db().query("SELECT oprname FROM pg_catalog.pg_operator WHERE oprname = '<=>'")).to.deep.equal([]);
      await db().exec('GRANT CREATE ON SCHEMA public TO PUBLIC');
      await resetDatabase(db());
      expect({ catalog: await introspect(db()), facts: await newDatabaseFacts(db()) }).to.deep.equal({ catalog: before.catalog, facts: before.facts });
    });

    it('resetDatabase removes database-wide default privileges (objects made afterwards get the built-in ones)', async () => {
      // Every kind, some granting, some revoking from PUBLIC, one taking the owner's own rights away.
      await db().exec(`
        ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC;
        ALTER DEFAULT PRIVILEGES REVOKE ALL ON SEQUENCES FROM CURRENT_USER;
        ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
        ALTER DEFAULT PRIVILEGES REVOKE USAGE ON TYPES FROM PUBLIC;
        ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO PUBLIC;`);
      await resetDatabase(db());
      expect(await db().query('SELECT defaclobjtype FROM pg_catalog.pg_default_acl')).to.deep.equal([]);
      await db().exec("CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'; CREATE TABLE public.t (id int)");
      expect(await db().query("SELECT proacl FROM pg_catalog.pg_proc WHERE proname = 'f'")).to.deep.equal([{ proacl: null }]);
      expect(await db().query("SELECT relacl FROM pg_catalog.pg_class WHERE relname = 't'")).to.deep.equal([{ relacl: null }]);
    });

    it('resetDatabase copes with more tables than one transaction can lock', async function () {
      this.timeout(300_000);
      // 1,200 tables with a sequence, a primary key and a check each: one DROP SCHEMA would need ~5,000 locks.
      await db().exec(Array.from({ length: 1200 }, (_, i) => `CREATE TABLE public.t${i} (id serial PRIMARY KEY, v int CHECK (v > 0));`).join('\n'));
      await resetDatabase(db());
      expect((await introspect(db())).tables).to.deep.equal([]);
    });

    it('createScratch gives an empty database of the same engine, gone after dispose', async () => {
      const newFacts = await newDatabaseFacts(db());
      await db().exec('CREATE TABLE mine (x int)');
      const scratch = await createScratch(db());
      try {
        expect(scratch.db.engine).to.equal(engine.kind);
        expect(scratch.db).to.not.equal(db());
        const catalog = await introspect(scratch.db);
        expect(catalog.tables).to.deep.equal([]);
        expect(await newDatabaseFacts(scratch.db)).to.deep.equal(newFacts);
      } finally {
        await scratch.dispose();
      }
      expect(await rejection(scratch.db.query('SELECT 1'))).to.be.instanceOf(SchemakitError);
      if (engine.kind === 'postgres') {
        const name = new URL(scratch.db.url!).pathname.slice(1);
        expect(name).to.match(/^schemakit_scratch_/);
        expect(await db().query('SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1', [name])).to.deep.equal([]);
      }
      // The database it was made like is untouched.
      expect((await introspect(db())).tables.map((t) => t.name)).to.deep.equal(['mine']);
    });
  });
}

describe('db: connections', function () {
  this.timeout(120_000);
  if (engines.some((e) => e.kind === 'postgres')) {
    it('connectPostgres fails with connect-failed and no password in the message', async () => {
      const err = (await rejection(connectPostgres('postgres://root:secret@127.0.0.1:1/none'))) as SchemakitError;
      expect(err.code).to.equal('connect-failed');
      expect(err.message).to.not.contain('secret');
      expect(err.message).to.contain('***');
    });

    it('connectPostgres sets application_name', async () => {
      const db = await connectPostgres(defaultAdminUrl());
      try {
        expect(await db.query("SELECT current_setting('application_name') AS a")).to.deep.equal([{ a: 'schemakit' }]);
      } finally {
        await db.close();
      }
    });
  }

  if (engines.some((e) => e.kind === 'pglite')) {
    it('openPglite with a data directory creates it and persists across reopen', async function () {
      this.timeout(120_000);
      const dir = join(mkdtempSync(join(tmpdir(), 'schemakit-pglite-')), 'nested', 'data');
      try {
        const a = await openPglite({ dataDir: dir });
        await a.exec('CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)');
        await a.close();
        const b = await openPglite({ dataDir: dir });
        expect(await b.query('SELECT x FROM kept')).to.deep.equal([{ x: 7 }]);
        await b.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('openPglite rejects an extension PGlite does not ship', async () => {
      const err = (await rejection(openPglite({ extensions: ['postgis'] }))) as SchemakitError;
      expect(err.code).to.equal('unknown-extension');
    });
  }
});
