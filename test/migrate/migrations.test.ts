import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPostgres, type Db, queryRow } from '../../src/db';
import { diffCatalogs } from '../../src/diff';
import { introspect } from '../../src/introspect';
import {
  migrateDown,
  migrateUp,
  migrationStates,
  readHistory,
  readMigrations,
  readProgress,
  resolveMigration,
  withMigrationLock,
  type MigrationFile,
} from '../../src/migrate';
import { emptyCatalog } from '../../src/model';
import { planChanges } from '../../src/plan';
import { sha256 } from '../../src/util';
import { engines } from '../support/engines';
import { rejection } from '../support/rejection';

/** A temporary migrations directory. */
function migrationsDir(): { root: string; add(id: string, up: string, down?: string): void; read(): MigrationFile[]; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'schemakit-migrations-'));
  return {
    root,
    add(id, up, down) {
      mkdirSync(join(root, id), { recursive: true });
      writeFileSync(join(root, id, 'up.sql'), up);
      if (down !== undefined) writeFileSync(join(root, id, 'down.sql'), down);
    },
    read: () => readMigrations(root),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

const tables = async (db: Db) => (await introspect(db)).tables.map((t) => `${t.schema}.${t.name}`);

for (const engine of engines) {
  describe(`versioned migrations on ${engine.name}`, function () {
    this.timeout(60_000);
    let db: Db;
    let dir: ReturnType<typeof migrationsDir>;
    beforeEach(async () => {
      db = await engine.fresh();
      dir = migrationsDir();
    });
    afterEach(async () => {
      await db.close();
      dir.remove();
    });

    it('applies in version order with a history row each, reverts with the down SQL recorded at apply time, and keeps the schemakit schema out of introspection', async () => {
      dir.add('0001_legacy', 'CREATE TABLE public.a (id integer);\n', 'DROP TABLE public.a;\n');
      dir.add('20260101000000_b', 'CREATE TABLE public.b (id integer);\nINSERT INTO public.b VALUES (1), (2);\n', 'DROP TABLE public.b;\n');
      dir.add('20260102000000_c', "DO $$ BEGIN EXECUTE 'CREATE TABLE public.c (id integer)'; END $$;\n", 'DROP TABLE public.c;\n');
      const runs = await migrateUp(db, dir.read());
      expect(runs.map((r) => r.version)).to.deep.equal(['0001', '20260101000000', '20260102000000']);
      expect(await tables(db)).to.deep.equal(['public.a', 'public.b', 'public.c']);
      const history = await readHistory(db);
      expect(history.map((h) => [h.version, h.name, h.checksum])).to.deep.equal(dir.read().map((f) => [f.version, f.name, sha256(f.up)]));
      const { user } = await queryRow<{ user: string }>(db, 'SELECT current_user AS "user"');
      expect(history.every((h) => h.appliedBy === user && h.durationMs >= 0 && h.downSql !== null)).to.equal(true);

      const catalog = await introspect(db);
      expect(catalog.schemas.map((s) => s.name)).not.to.include('schemakit');
      expect(
        planChanges(diffCatalogs(catalog, emptyCatalog))
          .steps.map((s) => s.sql)
          .join('\n'),
      ).not.to.include('schemakit');
      expect(await migrateUp(db, dir.read()), 'a second run has nothing to do').to.deep.equal([]);

      // The file's down.sql changes after apply: the recorded one is what runs.
      writeFileSync(join(dir.root, '20260102000000_c', 'down.sql'), 'SELECT 1/0;\n');
      expect((await migrateDown(db, { allowHazards: ['deletes-data'] })).map((r) => r.version)).to.deep.equal(['20260102000000']);
      expect(await tables(db)).to.deep.equal(['public.a', 'public.b']);
      await migrateDown(db, { to: '0', allowHazards: ['deletes-data'] });
      expect(await tables(db)).to.deep.equal([]);
      expect(await readHistory(db)).to.deep.equal([]);
    });

    it('refuses to run anything when an applied file was edited', async () => {
      dir.add('20260101000000_a', 'CREATE TABLE public.a (id integer);\n');
      await migrateUp(db, dir.read());
      writeFileSync(join(dir.root, '20260101000000_a', 'up.sql'), 'CREATE TABLE public.a (id bigint);\n');
      dir.add('20260102000000_b', 'CREATE TABLE public.b (id integer);\n');
      const e = await rejection(migrateUp(db, dir.read()));
      expect(e.code).to.equal('checksum-mismatch');
      expect(e.message).to.include(join('20260101000000_a', 'up.sql')).and.include('nothing was run');
      expect(await tables(db)).to.deep.equal(['public.a']);
      expect(migrationStates(dir.read(), await readHistory(db), []).map((s) => s.kind)).to.deep.equal(['edited', 'pending']);
    });

    it('applies a file merged from a branch (older than the last applied) by name, with a notice', async () => {
      dir.add('20260101000000_a', 'CREATE TABLE public.a (id integer);\n');
      dir.add('20260103000000_c', 'CREATE TABLE public.c (id integer);\n');
      await migrateUp(db, dir.read());
      dir.add('20260102000000_b', 'CREATE TABLE public.b (id integer);\n');
      const states = migrationStates(dir.read(), await readHistory(db), []);
      expect(states.map((s) => (s.kind === 'pending' ? `pending${s.outOfOrder ? ' out of order' : ''}` : s.kind))).to.deep.equal([
        'applied',
        'pending out of order',
        'applied',
      ]);
      const notices: string[] = [];
      const runs = await migrateUp(db, dir.read(), { onNotice: (n) => notices.push(n) });
      expect(runs.map((r) => r.version)).to.deep.equal(['20260102000000']);
      expect(notices.join('\n')).to.match(/20260102000000_b is older than the last applied migration 20260103000000.*applying it/);
      expect(await tables(db)).to.deep.equal(['public.a', 'public.b', 'public.c']);
    });

    it('a failing statement rolls its migration back and names the file, the statement and what committed', async () => {
      dir.add('20260101000000_a', 'CREATE TABLE public.a (id integer);\n');
      dir.add('20260102000000_b', 'CREATE TABLE public.b (id integer);\n\nINSERT INTO public.b VALUES (1);\nINSERT INTO public.b VALUES (1/0);\n');
      const e = await rejection(migrateUp(db, dir.read()));
      expect(e.code).to.equal('statement-failed');
      expect(e.message)
        .to.include(join('20260102000000_b', 'up.sql'))
        .and.include('statement 3 of 3 (line 4): INSERT INTO public.b VALUES (1/0)')
        .and.include('division by zero')
        .and.include('Nothing of it was committed')
        .and.include('committed before it in this run: 20260101000000_a');
      expect(await tables(db)).to.deep.equal(['public.a']);
      expect((await readHistory(db)).map((h) => h.version)).to.deep.equal(['20260101000000']);
    });

    it('runs statements marked outside the transaction on their own and resumes an interrupted migration after them', async () => {
      dir.add('20260101000000_a', "CREATE TYPE public.mood AS ENUM ('ok');\nCREATE TABLE public.t (m public.mood);\n");
      dir.add(
        '20260102000000_b',
        [
          '-- outside transaction',
          "ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'sad';",
          "INSERT INTO public.t VALUES ('sad');",
          '-- outside transaction',
          "ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'glad';",
          "INSERT INTO public.t VALUES ('glad');",
        ].join('\n'),
      );
      const stop = new Error('interrupted');
      await migrateUp(db, dir.read(), { to: '20260101000000' });
      const e = await rejection(
        migrateUp(db, dir.read(), {
          beforeStatement: (_f, n) => {
            if (n === 4) throw stop;
          },
        }),
      );
      expect(e.message).to.include('Statements 1-3 of it had committed').and.include('resumes after them');
      expect((await readProgress(db)).map((p) => p.statements)).to.deep.equal([[1, 2, 3]]);
      expect(migrationStates(dir.read(), await readHistory(db), await readProgress(db)).map((s) => s.kind)).to.deep.equal(['applied', 'interrupted']);

      const notices: string[] = [];
      const seen: number[] = [];
      await migrateUp(db, dir.read(), {
        onNotice: (n) => notices.push(n),
        beforeStatement: (_f, n) => {
          seen.push(n);
        },
      });
      expect(seen, 'only what had not committed runs again').to.deep.equal([4, 5]);
      expect(notices.join('\n')).to.include('interrupted after statement(s) 1, 2, 3 committed: resuming');
      expect((await db.query<{ m: string }>('SELECT m::text FROM public.t ORDER BY m')).map((r) => r.m)).to.deep.equal(['glad', 'sad']);
      expect(await readProgress(db)).to.deep.equal([]);
      expect((await readHistory(db)).map((h) => h.version)).to.deep.equal(['20260101000000', '20260102000000']);
    });

    it('clears what an interrupted CREATE INDEX CONCURRENTLY left (an invalid index) before running it again, as meta.json says', async function () {
      if (engine.kind === 'pglite') this.skip(); // CONCURRENTLY is for servers with other sessions; PGlite has one
      await db.exec('CREATE TABLE public.t (a integer); INSERT INTO public.t VALUES (1), (1)');
      // What a killed build leaves behind: an index marked invalid (here from a failed unique build).
      await db.exec('CREATE UNIQUE INDEX CONCURRENTLY t_a ON public.t (a)').catch(() => undefined);
      await db.exec('DELETE FROM public.t');
      dir.add('20260101000000_index', '-- outside transaction\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_a ON public.t (a);\n');
      writeFileSync(
        join(dir.root, '20260101000000_index', 'meta.json'),
        JSON.stringify({
          'from-hash': 'x',
          'to-hash': 'y',
          'hashed-on': 'postgres 15',
          statements: 1,
          hazards: [],
          reversible: false,
          irreversible: [],
          'outside-transaction': [1],
          'before-retry': { 1: 'DROP INDEX CONCURRENTLY IF EXISTS public.t_a' },
          objects: ['public.t_a'],
        }),
      );
      const valid = () => db.query<{ v: boolean }>("SELECT indisvalid AS v FROM pg_index WHERE indexrelid = 'public.t_a'::regclass");
      expect(await valid()).to.deep.equal([{ v: false }]);
      await migrateUp(db, dir.read());
      expect(await valid()).to.deep.equal([{ v: true }]);
    });

    it('refuses a down without a recorded down.sql, and one marked incomplete unless allowed', async () => {
      dir.add('20260101000000_a', 'CREATE TABLE public.a (id integer);\n');
      dir.add(
        '20260102000000_b',
        'CREATE TABLE public.b (id integer);\n',
        '-- schemakit migration (down)\n-- INCOMPLETE: 1 step is irreversible\nDROP TABLE public.b;\n',
      );
      await migrateUp(db, dir.read());
      expect((await rejection(migrateDown(db))).message).to.include('incomplete');
      expect((await rejection(migrateDown(db, { steps: 2, allowIncomplete: true }))).message).to.include('20260101000000_a: no down.sql was recorded');
      expect(await tables(db)).to.deep.equal(['public.a', 'public.b']);
      await migrateDown(db, { allowIncomplete: true, allowHazards: ['deletes-data'] });
      expect(await tables(db)).to.deep.equal(['public.a']);
    });

    it('an interrupted migration (an outside-transaction step committed, a later one failed) is settled with resolve, then the corrected file runs', async () => {
      dir.add('20260101000000_base', "CREATE TYPE public.mood AS ENUM ('ok');\n");
      const broken =
        "-- outside transaction\nALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'sad';\nCREATE TABLE public.m (m public.mood NOT NULL, n integer CHECK (n > 0));\nINSERT INTO public.m VALUES ('sad', 0);\n";
      dir.add('20260102000000_mood', broken);
      await rejection(migrateUp(db, dir.read()));
      expect((await readProgress(db)).map((p) => [p.version, p.statements])).to.deep.equal([['20260102000000', [1]]]);
      // The corrected file is refused while the interrupted run is recorded against the original.
      dir.add('20260102000000_mood', broken.replace("('sad', 0)", "('sad', 1)"));
      expect((await rejection(migrateUp(db, dir.read()))).message).to.include('has been edited since');
      const r = await resolveMigration(db, dir.read(), '20260102000000', 'rolled-back');
      // The file was edited: what committed is given by number only.
      expect(r.committed).to.deep.equal([{ n: 1, sql: null }]);
      expect((await migrateUp(db, dir.read())).map((m) => m.version)).to.deep.equal(['20260102000000']);
      expect(await db.query('SELECT m::text AS m, n FROM public.m')).to.deep.equal([{ m: 'sad', n: 1 }]);
      expect(await readProgress(db)).to.deep.equal([]);
      expect((await rejection(resolveMigration(db, dir.read(), '20260102000000', 'rolled-back'))).code).to.equal('not-interrupted');
    });

    it('resolve --applied records an interrupted migration finished by hand, showing the statements that committed', async () => {
      dir.add('20260101000000_base', "CREATE TYPE public.mood AS ENUM ('ok');\n");
      dir.add('20260102000000_mood', "-- outside transaction\nALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'sad';\nSELECT 1/0;\n");
      await rejection(migrateUp(db, dir.read()));
      const r = await resolveMigration(db, dir.read(), '20260102000000', 'applied');
      expect(r.committed).to.deep.equal([{ n: 1, sql: "ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'sad'" }]);
      expect((await readHistory(db)).map((h) => h.version)).to.deep.equal(['20260101000000', '20260102000000']);
      expect(await readProgress(db)).to.deep.equal([]);
      expect(await migrateUp(db, dir.read())).to.deep.equal([]);
    });

    it('refuses a down that deletes data (DROP TABLE, DROP COLUMN) unless deletes-data is allowed, running nothing', async () => {
      dir.add(
        '20260101000000_a',
        'CREATE TABLE public.a (id integer);\nINSERT INTO public.a SELECT g FROM generate_series(1, 100) g;\n',
        'DROP TABLE public.a;\n',
      );
      dir.add(
        '20260102000000_b',
        "ALTER TABLE public.a ADD COLUMN note text;\nUPDATE public.a SET note = 'kept';\n",
        'ALTER TABLE public.a DROP COLUMN note;\n',
      );
      await migrateUp(db, dir.read());
      const err = await rejection(migrateDown(db, { to: '0' }));
      expect(err.code).to.equal('hazard-refused');
      expect(err.message).to.include('nothing was run').and.include('--allow-hazard deletes-data');
      expect(err.message).to.include('20260102000000_b down statement 1: public.a.note: dropping the column deletes its data');
      expect(err.message).to.include('20260101000000_a down statement 1: public.a: dropping the table deletes all its rows');
      expect(await db.query("SELECT count(*)::int AS n FROM public.a WHERE note = 'kept'")).to.deep.equal([{ n: 100 }]);
      expect((await readHistory(db)).map((h) => h.version)).to.deep.equal(['20260101000000', '20260102000000']);
      await migrateDown(db, { to: '0', allowHazards: ['deletes-data'] });
      expect(await tables(db)).to.deep.equal([]);
    });

    it('the migration lock serialises runners and names the holder (a no-op on PGlite)', async function () {
      if (engine.kind === 'pglite') {
        expect(await withMigrationLock(db, { timeoutMs: 0 }, async () => withMigrationLock(db, { timeoutMs: 0 }, async () => 'nested'))).to.equal('nested');
        return;
      }
      const other = await connectPostgres(db.url!);
      try {
        const { pid } = await queryRow<{ pid: number }>(db, 'SELECT pg_backend_pid() AS pid');
        let release!: () => void;
        const held = withMigrationLock(db, { label: 'schemakit test holder' }, () => new Promise<void>((r) => (release = r)));
        await new Promise((r) => setTimeout(r, 100));
        const waits: unknown[] = [];
        const e = await rejection(withMigrationLock(other, { timeoutMs: 300, pollMs: 50, onWait: (h) => waits.push(h) }, async () => 'never'));
        expect(e.code).to.equal('lock-timeout');
        expect(e.message).to.include(`pid ${pid} (schemakit test holder`);
        expect(waits).to.have.length(1);
        release();
        await held;
        expect(await withMigrationLock(other, { timeoutMs: 0 }, async () => 'after')).to.equal('after');
      } finally {
        await other.close();
      }
    });
  });
}
