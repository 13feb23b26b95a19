/**
 * The benchmark: `npm run bench -- [--sizes 100,1000,5000] [--runs 3] [--pglite]` (`--data`, `--docs`: bench/data-run.ts, bench/docs-run.ts).
 * Each size runs in its own forked process so its peak memory is its own; the parent collects the
 * results, prints a Markdown table with the targets and writes bench/results/latest.json.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { parseBenchArgs, type BenchArgs } from './args';
import { runPgliteSize } from './pglite-run';
import { evaluateTargets, renderReport } from './report';
import { databaseUrl, repoRoot } from './setup-db';
import { runSize } from './size-run';
import { runStartupBench } from './startup';
import { emptySizeResult, type BenchReport, type PgliteResult, type SizeResult } from './types';

/** Sizes at most this large are also introspected in PGlite with --pglite. */
const pgliteMaxTables = 1000;

async function main(args: BenchArgs): Promise<void> {
  if (args.child !== null) {
    const result = await runSize(args.serverUrl, args.child, args.runs);
    // Run by hand (e.g. `node --cpu-prof dist/bench/run.js --child 5000`), there is no parent: print it.
    if (!process.send) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else await new Promise<void>((resolve, reject) => process.send!(result, (e: Error | null) => (e ? reject(e) : resolve())));
    return;
  }
  if (args.fleetScale) {
    const { runFleetScaleBench } = await import('./fleet-scale');
    process.exitCode = await runFleetScaleBench(args.serverUrl, args.fleetScale[0], args.fleetScale[1]);
    return;
  }
  if (args.fleet) {
    const { runFleetBench } = await import('./fleet');
    process.exitCode = await runFleetBench(args.serverUrl, args.fleet[0], args.fleet[1]);
    return;
  }
  if (args.batch !== null) {
    const { runBatchBench } = await import('./batch');
    process.exitCode = await runBatchBench(args.serverUrl, args.batch, args.runs);
    return;
  }
  if (args.normalize !== null) {
    const { runNormalizeBench } = await import('./normalize');
    process.exitCode = await runNormalizeBench(args.serverUrl, args.normalize, args.runs);
    return;
  }
  if (args.startup) {
    process.exitCode = await runStartupBench(args.serverUrl, args.runs, args.quick);
    return;
  }
  const startedAt = new Date().toISOString();
  const server = await serverVersion(args.serverUrl);
  const sizes: SizeResult[] = [];
  for (const n of args.sizes) sizes.push(await runChild(args, n));
  const pglite: PgliteResult[] = [];
  if (args.pglite) {
    for (const n of args.sizes.filter((s) => s <= pgliteMaxTables)) {
      process.stderr.write(`[bench] N=${n}: PGlite load + introspect\n`);
      pglite.push(await runPgliteSize(n, args.runs));
    }
  }
  const report: BenchReport = { startedAt, node: process.version, server, runs: args.runs, sizes, pglite, targets: evaluateTargets(sizes) };
  process.stdout.write(renderReport(report) + '\n');
  const dir = path.join(repoRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  process.stderr.write(`[bench] wrote ${path.relative(process.cwd(), path.join(dir, 'latest.json'))}\n`);
}

/** Runs one size in a fresh Node process and returns what it measured (or a record of its failure). */
function runChild(args: BenchArgs, tables: number): Promise<SizeResult> {
  return new Promise((resolve) => {
    const child = fork(__filename, ['--child', String(tables), '--runs', String(args.runs), '--url', args.serverUrl], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: SizeResult | null = null;
    child.on('message', (m) => (result = m as SizeResult));
    child.on('exit', (code, signal) => {
      resolve(result ?? failed(tables, `child process exited with ${signal ?? code} before reporting`));
    });
  });
}

function failed(tables: number, error: string): SizeResult {
  return { ...emptySizeResult(tables, [error]), memory: { rssMb: 0, heapUsedMb: 0 } };
}

async function serverVersion(serverUrl: string): Promise<string> {
  const c = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await c.connect();
  try {
    const r = await c.query<{ v: string }>(`SELECT 'PostgreSQL ' || current_setting('server_version') AS v`);
    return r.rows[0]?.v ?? 'PostgreSQL (version unknown)';
  } finally {
    await c.end();
  }
}

let parsed: BenchArgs;
// `--data`: the data benchmark (bench/data-run.ts), `--docs`: the docs benchmark (bench/docs-run.ts), instead of the schema sizes.
if (process.argv.includes('--data')) {
  require('./data-run');
} else if (process.argv.includes('--docs')) {
  require('./docs-run');
} else {
  try {
    parsed = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  main(parsed).catch((e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
