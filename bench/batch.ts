/**
 * Batched-backfill benchmark (`npm run bench -- --batch 1000000 [--runs 2]`): filling a new column of an
 * N-row table with one plain `UPDATE` (one transaction) against schemakit's batched statement (runBatched:
 * keyset ranges of 1,000 and of 10,000 keys, a commit per batch, no sleep), each on a freshly built copy
 * of the table, in A B C A B C order; medians and ratios to the plain UPDATE. Alongside each run a second
 * connection updates one random row every 20 ms (an application writer): its worst wait shows how long the
 * backfill's row locks kept it out, and the batch transaction times are the lock time held per batch.
 */
import { connectPostgres, type Db } from '../src/db';
import { ensureHistory, runBatched, type BatchReport } from '../src/migrate';
import { median } from './measure';

const TABLE = 'bench_backfill';

interface Sample {
  readonly seconds: number;
  /** Transaction times of the batches (the plain UPDATE: one, the whole run). */
  readonly lockMs: readonly number[];
  readonly writerMaxMs: number;
  readonly writerMedianMs: number;
}

async function buildTable(db: Db, rows: number): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS ${TABLE}`);
  await db.exec(`CREATE TABLE ${TABLE} (id bigint PRIMARY KEY, v integer NOT NULL, w integer NOT NULL DEFAULT 0, v2 integer)`);
  await db.exec(`INSERT INTO ${TABLE} (id, v) SELECT g, g % 1000 FROM generate_series(1, ${rows}) g`);
  await db.exec(`VACUUM ANALYZE ${TABLE}`);
}

/** Updates a random row every 20 ms on its own connection until stopped; returns each update's latency. */
function writer(url: string, rows: number): { stop: () => Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const done = (async () => {
    const w = await connectPostgres(url);
    try {
      while (running) {
        const t0 = performance.now();
        await w.query(`UPDATE ${TABLE} SET w = w + 1 WHERE id = $1`, [1 + Math.floor(Math.random() * rows)]);
        latencies.push(performance.now() - t0);
        await new Promise((ok) => setTimeout(ok, 20));
      }
    } finally {
      await w.close();
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return latencies;
    },
  };
}

async function sample(url: string, rows: number, run: (db: Db) => Promise<number[]>): Promise<Sample> {
  const db = await connectPostgres(url);
  try {
    await buildTable(db, rows);
    const w = writer(url, rows);
    const t0 = performance.now();
    const lockMs = await run(db);
    const seconds = (performance.now() - t0) / 1000;
    const lat = await w.stop();
    return { seconds, lockMs, writerMaxMs: Math.max(...lat), writerMedianMs: median(lat) };
  } finally {
    await db.close();
  }
}

const plain = async (db: Db): Promise<number[]> => {
  const t0 = performance.now();
  await db.exec(`UPDATE ${TABLE} SET v2 = v * 2`);
  return [performance.now() - t0];
};

const batched =
  (size: number) =>
  async (db: Db): Promise<number[]> => {
    await ensureHistory(db);
    await db.exec("DELETE FROM schemakit.migration_progress WHERE version = 'bench'");
    const lock: number[] = [];
    await runBatched(
      db,
      {
        where: 'bench',
        version: 'bench',
        checksum: 'bench',
        statement: 1,
        sql: `UPDATE ${TABLE} SET v2 = v * 2 WHERE id BETWEEN $1 AND $2`,
        spec: { schema: 'public', table: TABLE, key: 'id', size, sleepMs: 0 },
        from: null,
      },
      { onBatch: (r: BatchReport) => lock.push(r.lastBatchMs) },
    );
    await db.exec("DELETE FROM schemakit.migration_progress WHERE version = 'bench'");
    return lock;
  };

const pct = (xs: readonly number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;
const f1 = (x: number) => x.toFixed(1);

/** Runs the benchmark, prints a Markdown table; 0 unless a run failed. */
export async function runBatchBench(serverUrl: string, rows: number, runs: number): Promise<number> {
  const admin = await connectPostgres(`${serverUrl}/postgres`);
  const name = `skbb_${Date.now().toString(36)}`;
  await admin.exec(`CREATE DATABASE ${name}`);
  const url = `${serverUrl}/${name}`;
  const modes: [string, (db: Db) => Promise<number[]>][] = [
    ['one UPDATE', plain],
    ['batched 1,000', batched(1000)],
    ['batched 10,000', batched(10_000)],
  ];
  const samples = new Map<string, Sample[]>(modes.map(([m]) => [m, []]));
  try {
    for (let r = 0; r < Math.max(runs, 2); r++) {
      for (const [label, fn] of modes) {
        process.stderr.write(`[bench] batch: ${rows} rows, ${label}, run ${r + 1}\n`);
        samples.get(label)!.push(await sample(url, rows, fn));
      }
    }
  } finally {
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.close();
  }
  const base = median(samples.get('one UPDATE')!.map((s) => s.seconds));
  const lines = [
    `Backfill of ${rows.toLocaleString('en-US')} rows (UPDATE … SET v2 = v * 2), PostgreSQL, medians of ${Math.max(runs, 2)} runs (A B C order), a writer updating a random row every 20 ms alongside:`,
    '',
    '| mode | time (s) | rows/s | time vs one UPDATE | batches | lock held per batch, median / p95 / max (ms) | writer wait, median / max (ms) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [label] of modes) {
    const ss = samples.get(label)!;
    const secs = median(ss.map((s) => s.seconds));
    const locks = ss.flatMap((s) => s.lockMs);
    lines.push(
      `| ${label} | ${secs.toFixed(2)} | ${Math.round(rows / secs).toLocaleString('en-US')} | ${(secs / base).toFixed(2)}× | ${ss[0]?.lockMs.length ?? 0} | ${f1(median(locks))} / ${f1(pct(locks, 0.95))} / ${f1(Math.max(...locks))} | ${f1(median(ss.map((s) => s.writerMedianMs)))} / ${f1(median(ss.map((s) => s.writerMaxMs)))} |`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
