import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPostgres, type Db } from '../../src/db';
import {
  DEFAULT_HISTORY, hasHistory, migrateDown, migrateUp, readHistory, readMigrations, substitutePlaceholders, withMigrationLock, type HistoryLocation,
} from '../../src/migrate';
import { engines } from '../support/engines';
import { rejection } from '../support/rejection';

describe('migration placeholders', () => {
  it('replaces the given ${name}s everywhere (bodies and strings included) and leaves other ${…} alone', () => {
    const text = "CREATE FUNCTION ${schema}.f() RETURNS int LANGUAGE sql SET search_path = ${schema} AS $$ SELECT 1 $$;\nCOMMENT ON SCHEMA ${schema} IS 'tenant ${schema}, not ${other}';\n";
    expect(substitutePlaceholders(text, { schema: '"T1"' })).to.equal(
      "CREATE FUNCTION \"T1\".f() RETURNS int LANGUAGE sql SET search_path = \"T1\" AS $$ SELECT 1 $$;\nCOMMENT ON SCHEMA \"T1\" IS 'tenant \"T1\", not ${other}';\n");
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
      const [h] = await readHistory(db, at);
      expect(h.checksum, 'the checksum is the file\'s').to.equal(files[0].checksum);
      expect(h.downSql).to.equal('DROP TABLE acme.items;\nDROP SCHEMA acme;\n');
      expect(await db.query("SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = 'acme' AND tablename = 'items'")).to.have.length(1);
      expect(await migrateUp(db, files, { history: at, placeholders: { schema: 'acme' } }), 'a rerun reads the same history').to.deep.equal([]);
      await migrateDown(db, { history: at, allowHazards: ['deletes-data'] });
      expect(await readHistory(db, at)).to.deep.equal([]);
      expect(await db.query("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'acme'")).to.have.length(0);
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
