/**
 * The data benchmark (issue 12): `npm run bench -- --data [--rows 1000000] [--ref-rows 100000] [--runs 3]`.
 * Every measure runs alternately with its reference (A B A B …) after a warm-up, and medians are compared.
 * 1. `data load` (loadCsv: streaming COPY FROM STDIN) of ROWS × 8 columns against `psql \copy` of the same
 *    file, as a throughput ratio, with the peak RSS of this process during the loads.
 * 2. `plan` of a REF-ROWS reference table whose CSV has 1% of its rows changed: cold (no cache, as the library
 *    runs by default) and as the CLI runs it (`.schemakit/cache` holding the rows of the file before the edit).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, createWriteStream } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { c, collectDeclarations, schema, table } from '../src/declare';
import { createTempDatabase } from '../src/db/temp-database';
import { loadCsv } from '../src/data';
import { applyPlan } from '../src/apply';
import { planDeclaredWithData } from '../src/pipeline';
import { median } from './measure';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};

async function writeCsv(path: string, rows: number, changedEvery = 0, edit = 1): Promise<void> {
  const out = createWriteStream(path);
  out.write('id,name,note,amount,day,at,flag,qty\n');
  for (let i = 1; i <= rows; i++) {
    const changed = changedEvery > 0 && i % changedEvery === 0 ? ` (changed ${edit})` : '';
    const line = `${i},item ${i}${changed},"note, with ""quotes"" ${i % 97}",${(i * 1.25).toFixed(2)},2024-01-${String((i % 28) + 1).padStart(2, '0')},2024-03-01 12:00:${String(i % 60).padStart(2, '0')}+00,${i % 2 === 0},${i % 1000}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const DDL =
  'CREATE TABLE public.bench_rows (id integer PRIMARY KEY, name text NOT NULL, note text, amount numeric(12,2), day date, at timestamptz, flag boolean, qty integer)';

/** Wall time of `fn` in ms. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** A B A B …: one untimed warm-up of each, then `runs` timed pairs; medians in ms. */
async function alternate(runs: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    ta.push(await timed(a));
    tb.push(await timed(b));
  }
  return [median(ta), median(tb)];
}

async function main(): Promise<void> {
  const rows = arg('--rows', 1_000_000);
  const refRows = arg('--ref-rows', 100_000);
  const runs = arg('--runs', 3);
  const dir = mkdtempSync(join(tmpdir(), 'schemakit-bench-data-'));
  const temp = await createTempDatabase(undefined, 'schemakit_bench_data');
  try {
    const file = join(dir, 'rows.csv');
    await writeCsv(file, rows);
    const mb = statSync(file).size / 1e6;
    await temp.db.exec(DDL);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const [loadMs, psqlMs] = await alternate(
      runs,
      () => loadCsv(temp.db, 'public.bench_rows', file, { truncate: true }),
      async () => {
        await temp.db.exec('TRUNCATE public.bench_rows');
        execFileSync('psql', [temp.db.url!, '-qc', `\\copy public.bench_rows FROM '${file}' WITH (FORMAT csv, HEADER true)`]);
      },
    );
    clearInterval(sampler);
    await temp.db.exec('DROP TABLE public.bench_rows'); // not declared below: the plan would drop it

    const g = schema('benchref');
    const item = table(g, 'item', {
      columns: {
        id: c.integer().primaryKey(),
        name: c.text().notNull(),
        note: c.text(),
        amount: c.numeric(12, 2),
        day: c.date(),
        at: c.timestamptz(),
        flag: c.boolean(),
        qty: c.integer(),
      },
    });
    const declared = collectDeclarations([{ item }]);
    const root = join(dir, 'project');
    const csv = join(root, 'data', 'benchref', 'item.csv');
    const cacheDir = join(root, '.schemakit', 'cache');
    execFileSync('mkdir', ['-p', join(root, 'data', 'benchref')]);
    await writeCsv(csv, refRows);
    await applyPlan(temp.db, await planDeclaredWithData(temp.db, declared, {}, { root }));
    await planDeclaredWithData(temp.db, declared, {}, { root }, { cacheDir }); // the cache holds the applied file's rows
    // Each cached run sees a new edit of 1% of the rows (the cache holds the previous one's rows, not these).
    let edit = 0;
    let updates = 0;
    // Per phase (see DataOptions.onPhase) and Node CPU of each timed plan, cold and cached.
    const phases = { cold: new Map<string, number[]>(), cached: new Map<string, number[]>() };
    const cpuMs = { cold: [] as number[], cached: [] as number[] };
    const plan = async (cached: boolean) => {
      await writeCsv(csv, refRows, 100, ++edit);
      const which = cached ? 'cached' : 'cold';
      const onPhase = (name: string, ms: number) => phases[which].set(name, [...(phases[which].get(name) ?? []), ms]);
      const cpu0 = process.cpuUsage();
      const p = await planDeclaredWithData(temp.db, declared, {}, { root, onPhase }, cached ? { cacheDir } : {});
      const cpu = process.cpuUsage(cpu0);
      cpuMs[which].push((cpu.user + cpu.system) / 1000);
      updates = p.steps
        .filter((s) => s.change.kind === 'SyncTableData' && s.change.action === 'update')
        .reduce((n, s) => n + (s.change.kind === 'SyncTableData' ? s.change.rows.length : 0), 0);
    };
    const [coldMs, warmMs] = await alternate(
      runs,
      () => plan(false),
      () => plan(true),
    );

    const ratio = psqlMs / loadMs;
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    const cpu = process.cpuUsage();
    const lines = [
      `Data benchmark: medians of ${runs} alternating runs (A B A B) after a warm-up, in one process; node ${process.version}, ${new Date().toISOString()}, load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} cores`,
      '',
      '| measure | median | ratio | target |',
      '|---|---|---|---|',
      `| psql \\copy, ${rows} rows × 8 columns (${mb.toFixed(0)} MB) | ${psqlMs.toFixed(0)} ms (${(mb / (psqlMs / 1000)).toFixed(1)} MB/s) | 1.00× | reference |`,
      `| data load (loadCsv), same file | ${loadMs.toFixed(0)} ms (${(mb / (loadMs / 1000)).toFixed(1)} MB/s) | ${ratio.toFixed(2)}× psql's throughput | ≥ 0.95× ${met(ratio >= 0.95)} |`,
      `| peak RSS during data load | ${(peak / 1e6).toFixed(0)} MB | ${(peak / 150e6).toFixed(2)}× the limit | < 150 MB ${met(peak < 150e6)} |`,
      `| plan of a ${refRows}-row reference table, 1% changed (${updates} rows updated), no cache | ${coldMs.toFixed(0)} ms | ${(coldMs / 3000).toFixed(2)}× the limit | < 3000 ms ${met(coldMs < 3000)} |`,
      `| the same, .schemakit/cache holding the rows before the edit (as the CLI runs) | ${warmMs.toFixed(0)} ms | ${(warmMs / 3000).toFixed(2)}× the limit | < 3000 ms ${met(warmMs < 3000)} |`,
      `| Node CPU of one plan, no cache / cached | ${median(cpuMs.cold).toFixed(0)} ms / ${median(cpuMs.cached).toFixed(0)} ms | | |`,
      '',
      'Phases of the plan (median ms, warm-up included; the scratch drop overlaps the phases after it):',
      '',
      '| phase | no cache | cached |',
      '|---|---|---|',
      ...[...new Set([...phases.cold.keys(), ...phases.cached.keys()])].map(
        (k) =>
          `| ${k} | ${phases.cold.has(k) ? median(phases.cold.get(k) ?? []).toFixed(0) : '–'} | ${phases.cached.has(k) ? median(phases.cached.get(k) ?? []).toFixed(0) : '–'} |`,
      ),
      '',
      `Node CPU of the whole run: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s. On a loaded machine wall times stretch; the load ratio compares like with like (same run, alternated).`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await temp.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exitCode = 1;
});
