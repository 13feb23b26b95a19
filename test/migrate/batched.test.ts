import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dataMigrationTemplate,
  ensureHistory,
  migrateDown,
  migrateUp,
  migrationStates,
  parseBatchDirective,
  readHistory,
  readMigrations,
  readProgress,
  splitStatements,
  type BatchReport,
  type MigrationFile,
} from '../../src/migrate';
import { engines, useFreshDb } from '../support/engines';
import { present } from '../support/present';
import { queryRow } from '../../src/db';

const ROWS = 2000;
const SIZE = 300;
const BATCHES = Math.ceil(ROWS / SIZE);

const BASE = `CREATE TABLE public.items (id bigint PRIMARY KEY, price integer NOT NULL, touched integer NOT NULL DEFAULT 0);
INSERT INTO public.items (id, price) SELECT g * 3, g FROM generate_series(1, ${ROWS}) g;
`;

/** Each batch adds 1 to `touched` of its rows: a row updated twice (a batch redone) shows 2. */
const BACKFILL = `ALTER TABLE public.items ADD COLUMN price_cents bigint;

-- outside transaction
-- schemakit:batch table=public.items key=id size=${SIZE}
UPDATE public.items SET price_cents = price * 100, touched = touched + 1 WHERE id BETWEEN $1 AND $2;

CREATE INDEX items_cents ON public.items (price_cents);
`;

const BACKFILL_DOWN = `-- schemakit:batch table=public.items size=${SIZE}
UPDATE public.items SET price_cents = NULL, touched = touched - 1 WHERE id BETWEEN $1 AND $2;
DROP INDEX public.items_cents;
ALTER TABLE public.items DROP COLUMN price_cents;
`;

/**
 * Batched statements (`-- schemakit:batch`) in migration files, run by the migration runner on both engines:
 * PGlite commits each batch like the server (BEGIN/COMMIT per batch on its one connection), so everything
 * here, interruption and resumption included, exists on both. Killing a real process is in
 * test/cli/batched-kill.test.ts (server only: PGlite is in-process).
 */
for (const engine of engines) {
  describe(`batched data migrations (${engine.name})`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine);
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'schemakit-batched-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const write = (id: string, up: string, down?: string) => {
      mkdirSync(join(dir, id), { recursive: true });
      writeFileSync(join(dir, id, 'up.sql'), up);
      if (down !== undefined) writeFileSync(join(dir, id, 'down.sql'), down);
    };
    const files = (): MigrationFile[] => readMigrations(dir);
    const touched = async () =>
      await db().query<{ touched: number; n: number }>('SELECT touched, count(*)::int AS n FROM public.items GROUP BY touched ORDER BY touched');

    it('runs the statement once per keyset range, each row exactly once, and records batches and rows', async () => {
      write('20260101000000_base', BASE);
      write('20260102000000_cents', BACKFILL, BACKFILL_DOWN);
      const reports: BatchReport[] = [];
      const runs = await migrateUp(db(), files(), { onBatch: (r) => reports.push(r) });
      expect(runs.map((r) => [r.version, r.batches, r.rows])).to.deep.equal([
        ['20260101000000', 0, 0],
        ['20260102000000', BATCHES, ROWS],
      ]);
      expect(await touched()).to.deep.equal([{ touched: 1, n: ROWS }]);
      const nulls = await queryRow<{ n: number }>(db(), 'SELECT count(*)::int AS n FROM public.items WHERE price_cents IS DISTINCT FROM price * 100');
      expect(nulls.n).to.equal(0);
      expect(reports.map((r) => r.batches)).to.deep.equal(Array.from({ length: BATCHES }, (_, i) => i + 1));
      expect(reports[0]).to.include({ totalKeys: ROWS, keys: SIZE, rows: SIZE });
      expect(reports.at(-1)).to.include({ keys: ROWS, rows: ROWS, etaMs: 0 });
      expect(await readProgress(db())).to.deep.equal([]);
      expect(
        (await db().query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'items' ORDER BY 1")).map((r) => r.name),
      ).to.deep.equal(['items_cents', 'items_pkey']);
    });

    it('an interruption mid-batch rolls that batch back; status shows the part done; the next run resumes after the last committed batch', async () => {
      write('20260101000000_base', BASE);
      write('20260102000000_cents', BACKFILL, BACKFILL_DOWN);
      const err = await migrateUp(db(), files(), {
        inBatch: (_, batch) => {
          if (batch === 4) throw new Error('killed');
        },
      }).then(
        () => null,
        (e: Error) => e,
      );
      expect(err?.message).to.match(
        /up\.sql: statement 2 of 3 \(line 5, outside the transaction\): UPDATE public\.items .* failed: killed\. Statements 1 of it had committed .* Its committed batches are recorded/,
      );
      // Three batches committed (their rows once), the fourth rolled back with its progress row.
      expect(await touched()).to.deep.equal([
        { touched: 0, n: ROWS - 3 * SIZE },
        { touched: 1, n: 3 * SIZE },
      ]);
      const progress = await readProgress(db());
      expect(progress).to.deep.equal([
        {
          version: '20260102000000',
          checksum: present(files()[1]).checksum,
          statements: [1],
          batches: [{ statement: 2, lastKey: String(3 * SIZE * 3), batches: 3, rows: 3 * SIZE, keys: 3 * SIZE }],
        },
      ]);
      const states = migrationStates(files(), await readHistory(db()), progress);
      expect(states.map((s) => s.kind)).to.deep.equal(['applied', 'interrupted']);

      const notices: string[] = [];
      const reports: BatchReport[] = [];
      const runs = await migrateUp(db(), files(), { onNotice: (n) => notices.push(n), onBatch: (r) => reports.push(r) });
      expect(notices.join('\n')).to.contain('statement 2 batched: 3 batch(es), 900 row(s) changed, up to key 2700');
      expect(reports[0]).to.include({ batches: 4, totalKeys: ROWS, runKeys: SIZE });
      expect(runs.map((r) => [r.version, r.batches, r.rows])).to.deep.equal([['20260102000000', BATCHES, ROWS]]);
      expect(await touched()).to.deep.equal([{ touched: 1, n: ROWS }]);
      expect(await readProgress(db())).to.deep.equal([]);
    });

    it('migrate down runs the batched down recorded in the history, and a batched statement on an empty table runs no batch', async () => {
      write('20260101000000_base', BASE);
      write('20260102000000_cents', BACKFILL, BACKFILL_DOWN);
      await migrateUp(db(), files());
      const runs = await migrateDown(db(), { allowHazards: ['deletes-data'] });
      expect(runs.map((r) => [r.version, r.batches, r.rows])).to.deep.equal([['20260102000000', BATCHES, ROWS]]);
      expect(await touched()).to.deep.equal([{ touched: 0, n: ROWS }]);
      await db().exec('DELETE FROM public.items');
      const again = await migrateUp(db(), files());
      expect(again.map((r) => [r.batches, r.rows])).to.deep.equal([[0, 0]]);
    });

    it('walks a text key in its order and leaves rows with a NULL key alone', async () => {
      write(
        '20260101000000_words',
        `CREATE TABLE public.words (w text UNIQUE, n integer NOT NULL DEFAULT 0);
INSERT INTO public.words (w) SELECT 'w' || g FROM generate_series(1, 250) g;
INSERT INTO public.words (w) VALUES (NULL);

-- schemakit:batch table=public.words key=w size=40 sleep=1ms
UPDATE public.words SET n = n + 1 WHERE w BETWEEN $1 AND $2;
`,
      );
      const runs = await migrateUp(db(), files());
      expect(runs.map((r) => [r.batches, r.rows])).to.deep.equal([[7, 250]]);
      expect(await db().query('SELECT n, count(*)::int AS c FROM public.words GROUP BY n ORDER BY n')).to.deep.equal([
        { n: 0, c: 1 },
        { n: 1, c: 250 },
      ]);
    });

    it('refuses a bad directive (naming file:line) and a statement without $1/$2 before anything of it commits', async () => {
      write('20260101000000_base', BASE);
      write('20260102000000_bad', 'SELECT 1;\n-- schemakit:batch table=public.items size=0 slep=1\nUPDATE public.items SET touched = 1;\n');
      const bad = await migrateUp(db(), files()).then(
        () => null,
        (e: Error) => e,
      );
      expect(bad?.message).to.match(/20260102000000_bad\/up\.sql:3: schemakit:batch: "slep=1": expected one of .*; size=0: a positive whole number/);
      expect((await readHistory(db())).map((h) => h.version)).to.deep.equal(['20260101000000']);
      rmSync(join(dir, '20260102000000_bad'), { recursive: true });
      write('20260102000000_noparams', '-- schemakit:batch table=public.items\nUPDATE public.items SET touched = 1;\n');
      const noParams = await migrateUp(db(), files()).then(
        () => null,
        (e: Error) => e,
      );
      expect(noParams?.message).to.match(/takes the batch's first and last key as \$1 and \$2, e\.g\. WHERE id BETWEEN \$1 AND \$2/);
      expect(await touched()).to.deep.equal([{ touched: 0, n: ROWS }]);
      expect(await readProgress(db())).to.deep.equal([]);
    });

    it('a progress table from before batched statements is brought up to date', async () => {
      await db().exec(`CREATE SCHEMA schemakit;
CREATE TABLE schemakit.migrations (version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT CURRENT_USER, duration_ms integer NOT NULL, down_sql text);
CREATE TABLE schemakit.migration_progress (version text NOT NULL, checksum text NOT NULL, statement integer NOT NULL, done_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (version, statement));
INSERT INTO schemakit.migration_progress (version, checksum, statement) VALUES ('1', 'x', 1);`);
      expect(await readProgress(db())).to.deep.equal([{ version: '1', checksum: 'x', statements: [1], batches: [] }]);
      await ensureHistory(db());
      const cols = await db().query<{ c: string }>(
        "SELECT attname AS c FROM pg_attribute WHERE attrelid = 'schemakit.migration_progress'::regclass AND attnum > 0 ORDER BY attnum",
      );
      expect(cols.map((r) => r.c)).to.deep.equal([
        'version',
        'checksum',
        'statement',
        'done_at',
        'last_key',
        'batches',
        'batch_rows',
        'batch_keys',
        'complete',
      ]);
      expect(await readProgress(db())).to.deep.equal([{ version: '1', checksum: 'x', statements: [1], batches: [] }]);
    });

    it('the generate --data template, with its TODOs filled in, runs up and down', async () => {
      const t = dataMigrationTemplate({ table: { schema: 'public', table: 'items' }, size: 500, sleepMs: 0 });
      const fill = (s: string) => s.replace(/TODO_column/g, 'price_cents').replace(/TODO_expression/g, 'price * 100');
      write('20260101000000_base', BASE + 'ALTER TABLE public.items ADD COLUMN price_cents bigint;\n');
      write('20260102000000_backfill', fill(t.up), fill(t.down));
      expect(await migrateUp(db(), files()).then((r) => r.map((x) => [x.batches, x.rows]))).to.deep.equal([
        [0, 0],
        [4, ROWS],
      ]);
      await migrateDown(db());
      const n = await queryRow<{ n: number }>(db(), 'SELECT count(price_cents)::int AS n FROM public.items');
      expect(n.n).to.equal(0);
    });
  });
}

describe('batch directive', () => {
  it('parses quoted names and defaults, and reports every problem at once', () => {
    const st = present(
      splitStatements('-- outside transaction\n-- schemakit:batch table="My Schema"."T" key="Id" sleep=2s\nUPDATE x SET a = 1 WHERE b BETWEEN $1 AND $2;')[0],
    );
    expect(st.outsideTransaction).to.equal(true);
    expect(parseBatchDirective(st.batch!, 'f:3')).to.deep.equal({ schema: 'My Schema', table: 'T', key: 'Id', size: 1000, sleepMs: 2000 });
    expect(() => parseBatchDirective('size=x sleep=soon', 'f:9')).to.throw(
      /^migrate: f:9: schemakit:batch: table=SCHEMA\.TABLE is required .*; size=x: .*; sleep=soon: a duration/,
    );
  });

  it('the template is one batched, outside-transaction statement in up and in down', () => {
    const t = dataMigrationTemplate({ table: null });
    for (const text of [t.up, t.down]) {
      const sts = splitStatements(text);
      expect(sts).to.have.length(1);
      expect(sts[0]).to.include({ outsideTransaction: true, batch: 'table=public.TODO_table key=id size=1000 sleep=50ms' });
      expect(present(sts[0]).sql).to.contain('WHERE id BETWEEN $1 AND $2');
    }
  });
});
