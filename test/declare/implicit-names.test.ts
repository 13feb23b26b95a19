import { expect } from 'chai';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { c, check, collectDeclarations, foreignKey, index, primaryKey, schema, sql, table, unique, type AnyTableDecl } from '../../src/declare';
import { clipBytes, makeObjectName } from '../../src/declare/implicit-names';

/** Runs SQL and returns rows, on either engine. */
type Run = (text: string) => Promise<Record<string, unknown>[]>;

const long = 'a_table_name_that_is_quite_long_indeed_really_very_long_yes_x'; // 61 bytes
const longCol = 'a_column_name_that_is_also_rather_long_too';

/** Each case: declarations and the equivalent hand-written DDL without any constraint or index names. */
function cases(s: string): { tables: AnyTableDecl[]; ddl: string } {
  const ns = schema(s);
  const parent = table(ns, 'parent', { columns: { id: c.integer().primaryKey(), a: c.integer(), b: c.integer() }, uniques: (t) => [unique([t.a, t.b])] });
  const t1 = table(ns, long, {
    columns: { id: c.integer().primaryKey(), [longCol]: c.text().unique(), b: c.integer().check((x) => sql`${x} > 0`) },
    checks: (t) => [check(sql`${t.id} < ${t.b}`), check(sql`true`)],
    indexes: (t) => [index().on(t[longCol]), index().on(t[longCol])],
  });
  const t2 = table(ns, 'users', {
    columns: {
      id: c.serial().primaryKey(),
      email: c.text().unique().unique(),
      pa: c.integer(),
      pb: c.integer(),
      naïve_ééé_column_with_multibyte_characters_in_its_name_ok: c.integer().unique(),
    },
    uniques: (t) => [unique([t.email]), unique([t.pa, t.pb])],
    foreignKeys: (t) => [foreignKey([t.pa, t.pb]).references(() => parent, ['a', 'b']), foreignKey([t.pa]).references(() => parent)],
    indexes: (t) => [index().on(sql`lower(${t.email})`), index().on(t.email).include(t.pa), index().on(sql`${t.pa} + ${t.pb}`), index().on(t.pa, t.pa)],
  });
  const t3 = table(ns, 'link', { columns: { x: c.integer(), y: c.integer() }, primaryKey: (t) => primaryKey(t.x, t.y) });
  const q = (n: string) => `"${s}"."${n}"`;
  const ddl = `
    CREATE SCHEMA "${s}";
    CREATE TABLE ${q('parent')} (id integer PRIMARY KEY, a integer, b integer, UNIQUE (a, b));
    CREATE TABLE ${q(long)} (id integer PRIMARY KEY, ${longCol} text UNIQUE, b integer CHECK (b > 0), CHECK (id < b), CHECK (true));
    CREATE INDEX ON ${q(long)} (${longCol});
    CREATE INDEX ON ${q(long)} (${longCol});
    CREATE TABLE ${q('users')} (id serial PRIMARY KEY, email text UNIQUE UNIQUE, pa integer, pb integer,
      "naïve_ééé_column_with_multibyte_characters_in_its_name_ok" integer UNIQUE, UNIQUE (email), UNIQUE (pa, pb),
      FOREIGN KEY (pa, pb) REFERENCES ${q('parent')} (a, b), FOREIGN KEY (pa) REFERENCES ${q('parent')});
    CREATE INDEX ON ${q('users')} (lower(email));
    CREATE INDEX ON ${q('users')} (email) INCLUDE (pa);
    CREATE INDEX ON ${q('users')} ((pa + pb));
    CREATE INDEX ON ${q('users')} (pa, pa);
    CREATE TABLE ${q('link')} (x integer, y integer, PRIMARY KEY (x, y));
  `;
  return { tables: [parent, t1, t2, t3], ddl };
}

async function namesInDb(run: Run, s: string): Promise<{ constraints: string[]; indexes: string[] }> {
  const cons = await run(`SELECT conname FROM pg_constraint WHERE connamespace = '"${s}"'::regnamespace AND contype IN ('p','u','c','f') ORDER BY 1`);
  const idx = await run(
    `SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace = '"${s}"'::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p','u')) ORDER BY 1`,
  );
  return { constraints: cons.map((r) => String(r.conname)), indexes: idx.map((r) => String(r.relname)) };
}

function declaredNames(tables: AnyTableDecl[]): { constraints: string[]; indexes: string[] } {
  const d = collectDeclarations([{ tables }]);
  const sort = (xs: string[]) => xs.sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : Buffer.compare(Buffer.from(a), Buffer.from(b))));
  return { constraints: sort(d.catalog.constraints.map((x) => x.name)), indexes: sort(d.catalog.indexes.map((x) => x.name)) };
}

function suite(engine: string, open: () => Promise<{ run: Run; close: () => Promise<void> }>) {
  describe(`declare: implicit names equal Postgres's own (${engine})`, function () {
    this.timeout(120_000); // a new PGlite instance takes seconds, more on a loaded machine
    let db: { run: Run; close: () => Promise<void> };
    before(async () => {
      db = await open();
    });
    after(async () => db?.close());
    it('primary key, unique, check, foreign key and index names, truncation, numbering, multibyte', async () => {
      const s = 'names_case';
      const { tables, ddl } = cases(s);
      await db.run(ddl);
      const actual = await namesInDb(db.run, s);
      expect(declaredNames(tables)).to.deep.equal(actual);
    });
  });
}

suite('PostgreSQL server', async () => {
  const name = `sk_names_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: 'postgres://root@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const client = new Client({ connectionString: `postgres://root@127.0.0.1:5432/${name}` });
  await client.connect();
  return {
    run: async (text) => (await client.query(text)).rows,
    close: async () => {
      await client.end();
      await admin.query(`DROP DATABASE ${name}`);
      await admin.end();
    },
  };
});

suite('PGlite', async () => {
  const db = new PGlite();
  return {
    run: async (text) => {
      const results = await db.exec(text);
      return (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[];
    },
    close: () => db.close(),
  };
});

describe('declare: makeObjectName', () => {
  it('shortens the longer part first and keeps the label', () => {
    expect(makeObjectName('t', 'c', 'key')).to.equal('t_c_key');
    const n = makeObjectName('x'.repeat(40), 'y'.repeat(40), 'fkey');
    expect(Buffer.byteLength(n)).to.equal(63);
    expect(n).to.equal(`${'x'.repeat(29)}_${'y'.repeat(28)}_fkey`);
  });
  it('never splits a multibyte character', () => {
    expect(clipBytes('ééé', 5)).to.equal('éé');
  });
});
