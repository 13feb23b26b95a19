/**
 * The data benchmark (issue 12): `npm run bench -- --data [--rows 1000000] [--ref-rows 100000]`.
 * 1. `data load` (loadCsv: streaming COPY FROM STDIN) of ROWS × 8 columns against `psql \copy` of the same
 *    file in the same run, as a throughput ratio, with the peak RSS of this process during the load.
 * 2. `plan` of a REF-ROWS reference table whose CSV has 1% of its rows changed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { c, collectDeclarations, schema, table } from '../src/declare';
import { createTempDatabase } from '../src/db/temp-database';
import { loadCsv } from '../src/data';
import { applyPlan } from '../src/migrate';
import { planDeclaredWithData } from '../src/pipeline';

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(name); return i >= 0 ? Number(process.argv[i + 1]) : dflt; };

async function writeCsv(path: string, rows: number, changedEvery = 0): Promise<void> {
  const out = createWriteStream(path);
  out.write('id,name,note,amount,day,at,flag,qty\n');
  for (let i = 1; i <= rows; i++) {
    const changed = changedEvery > 0 && i % changedEvery === 0 ? ' (changed)' : '';
    const line = `${i},item ${i}${changed},"note, with ""quotes"" ${i % 97}",${(i * 1.25).toFixed(2)},2024-01-${String((i % 28) + 1).padStart(2, '0')},2024-03-01 12:00:${String(i % 60).padStart(2, '0')}+00,${i % 2 === 0},${i % 1000}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const DDL = 'CREATE TABLE public.bench_rows (id integer PRIMARY KEY, name text NOT NULL, note text, amount numeric(12,2), day date, at timestamptz, flag boolean, qty integer)';

async function main(): Promise<void> {
  const rows = arg('--rows', 1_000_000);
  const refRows = arg('--ref-rows', 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'schemakit-bench-data-'));
  const temp = await createTempDatabase(undefined, 'schemakit_bench_data');
  try {
    const file = join(dir, 'rows.csv');
    await writeCsv(file, rows);
    const mb = statSync(file).size / 1e6;
    await temp.db.exec(DDL);
    const t0 = Date.now();
    execFileSync('psql', [temp.db.url!, '-qc', `\\copy public.bench_rows FROM '${file}' WITH (FORMAT csv, HEADER true)`]);
    const psqlMs = Date.now() - t0;
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
    const t1 = Date.now();
    await loadCsv(temp.db, 'public.bench_rows', file, { truncate: true });
    const loadMs = Date.now() - t1;
    clearInterval(sampler);
    await temp.db.exec('DROP TABLE public.bench_rows'); // not declared below: the plan would drop it

    const g = schema('benchref');
    const item = table(g, 'item', { columns: { id: c.integer().primaryKey(), name: c.text().notNull(), note: c.text(), amount: c.numeric(12, 2), day: c.date(), at: c.timestamptz(), flag: c.boolean(), qty: c.integer() } });
    const declared = collectDeclarations([{ item }]);
    const root = join(dir, 'project');
    const csv = join(root, 'data', 'benchref', 'item.csv');
    execFileSync('mkdir', ['-p', join(root, 'data', 'benchref')]);
    await writeCsv(csv, refRows);
    await applyPlan(temp.db, await planDeclaredWithData(temp.db, declared, {}, { root }));
    await writeCsv(csv, refRows, 100);
    const t2 = Date.now();
    const plan = await planDeclaredWithData(temp.db, declared, {}, { root });
    const planMs = Date.now() - t2;
    const updates = plan.steps.filter((s) => s.change.kind === 'SyncTableData' && s.change.action === 'update').length;

    const ratio = psqlMs / loadMs;
    const lines = [
      '| measure | value | target |',
      '|---|---|---|',
      `| psql \\copy, ${rows} rows × 8 columns (${mb.toFixed(0)} MB) | ${psqlMs} ms (${(mb / (psqlMs / 1000)).toFixed(1)} MB/s) | |`,
      `| data load (loadCsv), same file | ${loadMs} ms (${(mb / (loadMs / 1000)).toFixed(1)} MB/s) | |`,
      `| data load throughput / psql | ${ratio.toFixed(2)}× | ≥ 0.95× ${ratio >= 0.95 ? 'met' : 'NOT met'} |`,
      `| peak RSS during data load | ${(peak / 1e6).toFixed(0)} MB | < 150 MB ${peak < 150e6 ? 'met' : 'NOT met'} |`,
      `| plan of a ${refRows}-row reference table, 1% changed (${updates} updates) | ${planMs} ms | < 3000 ms ${planMs < 3000 ? 'met' : 'NOT met'} |`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await temp.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { process.stderr.write(`${e?.stack ?? e}\n`); process.exitCode = 1; });
