import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPostgres, type Db } from '../../src/db';
import {
  DEFAULT_HISTORY,
  ensureHistory,
  hasHistory,
  migrateDown,
  migrateUp,
  readHistory,
  readMigrations,
  readProgress,
  substitutePlaceholders,
  withMigrationLock,
  type HistoryLocation,
} from '../../src/migrate';
import { engines } from '../support/engines';
import { rejection } from '../support/rejection';
import { present } from '../support/present';

describe('migration placeholders', () => {
  it('replaces the given ${name}s everywhere (bodies and strings included) and leaves other ${…} alone', () => {
    const text =
      "CREATE FUNCTION ${schema}.f() RETURNS int LANGUAGE sql SET search_path = ${schema} AS $$ SELECT 1 $$;\nCOMMENT ON SCHEMA ${schema} IS 'tenant ${schema}, not ${other}';\n";
    expect(substitutePlaceholders(text, { schema: '"T1"' })).to.equal(
      'CREATE FUNCTION "T1".f() RETURNS int LANGUAGE sql SET search_path = "T1" AS $$ SELECT 1 $$;\nCOMMENT ON SCHEMA "T1" IS \'tenant "T1", not ${other}\';\n',
    );
    expect(substitutePlaceholders(text, undefined)).to.equal(text);
    expect(() => substitutePlaceholders(text, { 'a-b': 'x' })).to.throw(/placeholder names must be identifiers: a-b/);
  });
});

for (const engine of engines) {
  describe(`migration history location and placeholders on ${engine.name}`, function () {
    this.timeout(60_000);
    let db: Db;
    let root: string;
    beforeEach(async () => {
      db = await engine.fresh();
      root = mkdtempSync(join(tmpdir(), 'schemakit-scope-'));
    });
    afterEach(async () => {
      await db.close();
      rmSync(root, { recursive: true, force: true });
    });

    it('keeps the history where it is told, substitutes ${schema} in up and in the recorded down, and reverts from there', async () => {
      mkdirSync(join(root, '0001_items'), { recursive: true });
      writeFileSync(join(root, '0001_items', 'up.sql'), 'CREATE SCHEMA ${schema};\nCREATE TABLE ${schema}.items (id integer);\n');
      writeFileSync(join(root, '0001_items', 'down.sql'), 'DROP TABLE ${schema}.items;\nDROP SCHEMA ${schema};\n');
      const at: HistoryLocation = { schema: 'schemakit', migrations: 'acme__migrations', progress: 'acme__migration_progress' };
      const files = readMigrations(root);
      const runs = await migrateUp(db, files, { history: at, placeholders: { schema: 'acme' } });
      expect(runs.map((r) => r.version)).to.deep.equal(['0001']);
      expect(await hasHistory(db, DEFAULT_HISTORY), 'the default history is left alone').to.equal(false);
      const h = present((await readHistory(db, at))[0]);
      expect(h.checksum, "the checksum is the file's").to.equal(present(files[0]).checksum);
      expect(h.downSql).to.equal('DROP TABLE acme.items;\nDROP SCHEMA acme;\n');
      expect(await db.query("SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = 'acme' AND tablename = 'items'")).to.have.length(1);
      expect(await migrateUp(db, files, { history: at, placeholders: { schema: 'acme' } }), 'a rerun reads the same history').to.deep.equal([]);
      await migrateDown(db, { history: at, allowHazards: ['deletes-data'] });
      expect(await readHistory(db, at)).to.deep.equal([]);
      expect(await db.query("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'acme'")).to.have.length(0);
    });

    it("runs a batched statement of a tenant: progress in the tenant's table, a bare table name resolved through search_path", async () => {
      const at: HistoryLocation = { schema: 'schemakit', migrations: 'acme__migrations', progress: 'acme__migration_progress' };
      await db.exec(
        'CREATE SCHEMA acme; CREATE TABLE public.items (id integer PRIMARY KEY, n integer NOT NULL DEFAULT 0); INSERT INTO public.items (id) VALUES (1), (2); SET search_path TO acme, public',
      );
      mkdirSync(join(root, '0001_fill'), { recursive: true });
      writeFileSync(
        join(root, '0001_fill', 'up.sql'),
        `CREATE TABLE \${schema}.items (id integer PRIMARY KEY, n integer NOT NULL DEFAULT 0);
INSERT INTO \${schema}.items (id) SELECT g FROM generate_series(1, 50) g;
-- schemakit:batch table=items size=10
UPDATE items SET n = n + 1 WHERE id BETWEEN $1 AND $2;
`,
      );
      const files = readMigrations(root);
      const e = await rejection(
        migrateUp(db, files, {
          history: at,
          placeholders: { schema: 'acme' },
          inBatch: (_, n) => {
            if (n === 3) throw new Error('killed');
          },
        }),
      );
      expect(e.message).to.match(/Its committed batches are recorded in schemakit\.acme__migration_progress/);
      const p = present((await readProgress(db, at))[0]);
      expect(p.statements).to.deep.equal([1, 2]);
      expect(p.batches).to.deep.equal([{ statement: 3, lastKey: '20', batches: 2, rows: 20, keys: 20 }]);
      expect(await hasHistory(db, DEFAULT_HISTORY), 'the default history is left alone').to.equal(false);
      const [run] = await migrateUp(db, files, { history: at, placeholders: { schema: 'acme' } });
      expect(run).to.include({ batches: 5, rows: 50 });
      expect(await readProgress(db, at)).to.deep.equal([]);
      expect(await db.query('SELECT n, count(*)::int AS c FROM acme.items GROUP BY n')).to.deep.equal([{ n: 1, c: 50 }]);
      expect(await db.query('SELECT n, count(*)::int AS c FROM public.items GROUP BY n'), 'public.items untouched').to.deep.equal([{ n: 0, c: 2 }]);
    });

    it('adds the batch columns to a tenant progress table made before them', async () => {
      const at: HistoryLocation = { schema: 'schemakit', migrations: 'acme__migrations', progress: 'acme__migration_progress' };
      await db.exec(`CREATE SCHEMA schemakit;
CREATE TABLE schemakit.acme__migrations (version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT CURRENT_USER, duration_ms integer NOT NULL, down_sql text);
CREATE TABLE schemakit.acme__migration_progress (version text NOT NULL, checksum text NOT NULL, statement integer NOT NULL, done_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (version, statement));
INSERT INTO schemakit.acme__migration_progress (version, checksum, statement) VALUES ('0001', 'c', 1)`);
      expect(await readProgress(db, at), 'read before the upgrade').to.deep.equal([{ version: '0001', checksum: 'c', statements: [1], batches: [] }]);
      await ensureHistory(db, at);
      const cols = await db.query<{ attname: string }>(
        "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = 'schemakit.acme__migration_progress'::regclass AND attnum > 0 ORDER BY attnum",
      );
      expect(cols.map((c) => c.attname)).to.include.members(['last_key', 'batches', 'batch_rows', 'batch_keys', 'complete']);
      expect(await readProgress(db, at)).to.deep.equal([{ version: '0001', checksum: 'c', statements: [1], batches: [] }]);
      expect(await hasHistory(db, DEFAULT_HISTORY)).to.equal(false);
    });

    it('two lock keys do not block each other; one key still serialises (a no-op on PGlite)', async function () {
      if (engine.kind === 'pglite') return this.skip();
      const other = await connectPostgres(db.url!);
      try {
        let release!: () => void;
        const held = withMigrationLock(db, { key: 101, label: 'tenant a' }, () => new Promise<void>((r) => (release = r)));
        await new Promise((r) => setTimeout(r, 50));
        expect(await withMigrationLock(other, { key: 102, timeoutMs: 0 }, async () => 'b runs')).to.equal('b runs');
        const e = await rejection(withMigrationLock(other, { key: 101, timeoutMs: 100, pollMs: 20, scope: 'tenant a of x' }, async () => 'never'));
        expect(e.message).to.match(/migration lock of tenant a of x: pid \d+ \(tenant a/);
        release();
        await held;
      } finally {
        await other.close();
      }
    });
  });
}
