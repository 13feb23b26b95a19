import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { SchemaFiles } from './schemas';
import { queryRow, type Db } from '../../src/db';

/** The repository root (tests run from dist/test/cli). */
export const repoRoot = resolve(__dirname, '..', '..', '..');

/** The `schemakit` binary as installed by npm (`bin/schemakit.js`, which requires dist/). */
export const binPath = join(repoRoot, 'bin', 'schemakit.js');

/** What one run of the binary did. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Options of runCli. */
export interface RunOptions {
  readonly cwd: string;
  /** Variables added to the environment (which never has DATABASE_URL unless given here). */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  /**
   * Run the binary in a child process. Needed when the test is about the process itself (start-up, signals,
   * two runs at once, locks held by another pid, stdin); otherwise the CLI runs in this process (see runCli).
   */
  readonly spawn?: boolean;
}

/**
 * Runs `schemakit ARGS` in `cwd` with stdin not a terminal, colours off and DATABASE_URL unset, and resolves
 * with its exit code and output; never rejects on a non-zero exit.
 *
 * By default the CLI runs in this process: `main()` of dist/src/cli/main.js, with the working directory, the
 * environment and stdout/stderr swapped for the run (runs are queued, one at a time). A spawned process would
 * load the TypeScript compiler and PGlite's WebAssembly again for every run (1-3 s of CPU each), which was most
 * of the suite's time. `main()` is the binary's whole body (bin/schemakit.js only sets the exit code), so
 * what is tested is the same code. Pass `spawn: true` (or set SCHEMAKIT_TEST_SPAWN=1 for every run) for a
 * real child process.
 */
export function runCli(args: readonly string[], options: RunOptions): Promise<CliResult> {
  if (options.spawn || process.env.SCHEMAKIT_TEST_SPAWN === '1') return spawnCli(args, options);
  const run = queue.then(() => runInProcess(args, options));
  queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

let queue: Promise<void> = Promise.resolve();

type StdName = 'stdin' | 'stdout' | 'stderr';

/** What runInProcess swaps in dist/src/db/pglite-pool.js. */
interface PoolModule {
  acquirePglite: unknown;
  startOwnPglite: unknown;
}

/** A stand-in for process.stdout/stderr: collects what is written; not a terminal. */
function sinkStream(chunks: Buffer[]): Writable {
  const w = new Writable({
    write(chunk: Buffer | string, encoding, cb) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk));
      cb();
    },
  });
  return Object.assign(w, { isTTY: false });
}

/** One in-process run of main(): the working directory, environment and standard streams are swapped in, then put back. */
async function runInProcess(args: readonly string[], options: RunOptions): Promise<CliResult> {
  const { main } = require(join(repoRoot, 'dist', 'src', 'cli', 'main.js')) as { main(argv: string[]): Promise<number> };
  // main() ends with the shutdown hooks, whose one hook shuts down every pooled in-memory PGlite (scratch
  // databases), as the binary must before it exits; and an embedded command starts its own scratch instance
  // outside the pool (startOwnPglite) so that the process never holds two. In this process the pool outlives
  // the run and lends the scratch instances: the next command's scratch database is a reset of an idle
  // instance (~0.2 s) instead of a new one (~1 s of CPU, more with extensions). The modules' exports are what
  // main() and the commands call (through the barrels), so swapping them swaps the calls.
  const shutdown = require(join(repoRoot, 'dist', 'src', 'util', 'shutdown.js')) as { runShutdownHooks(): Promise<void> };
  const pool = require(join(repoRoot, 'dist', 'src', 'db', 'pglite-pool.js')) as PoolModule;
  const swaps: [object, string, unknown][] = [
    [shutdown, 'runShutdownHooks', async () => undefined],
    [pool, 'startOwnPglite', pool.acquirePglite],
  ];
  const saved0 = swaps.map(([m, k]) => [m, k, (m as Record<string, unknown>)[k]] as const);
  const started = Date.now();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const savedCwd = process.cwd();
  const savedEnv = { ...process.env };
  const names: StdName[] = ['stdin', 'stdout', 'stderr'];
  const saved = names.map((n) => [n, Object.getOwnPropertyDescriptor(process, n)!] as const);
  // stdin is a closed pipe, as for the spawned binary.
  const streams: Record<StdName, unknown> = { stdin: Object.assign(Readable.from([]), { isTTY: false }), stdout: sinkStream(out), stderr: sinkStream(err) };
  let code: number | null;
  try {
    process.chdir(options.cwd);
    if (!options.env?.DATABASE_URL) delete process.env.DATABASE_URL;
    Object.assign(process.env, { NO_COLOR: '1' }, options.env);
    for (const n of names) Object.defineProperty(process, n, { configurable: true, enumerable: true, get: () => streams[n] });
    for (const [m, k, v] of swaps) (m as Record<string, unknown>)[k] = v;
    try {
      code = await main(['node', binPath, ...args]);
    } catch (e) {
      err.push(Buffer.from(`uncaught: ${(e as Error)?.stack ?? String(e)}\n`));
      code = 70;
    }
  } finally {
    for (const [m, k, v] of saved0) (m as Record<string, unknown>)[k] = v;
    for (const [n, d] of saved) Object.defineProperty(process, n, d);
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
    process.chdir(savedCwd);
  }
  return { code, signal: null, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started };
}

/** Runs `node bin/schemakit.js ARGS` as a child process; kills it after the timeout. */
export function spawnCli(args: readonly string[], options: RunOptions): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [binPath, ...args], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started });
    });
  });
}

/** Runs any command (psql) and resolves with its exit code and output. */
export function runCommand(cmd: string, args: readonly string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => chunks.push(b));
    child.stderr.on('data', (b: Buffer) => chunks.push(b));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** A temporary project directory: `schema/` holds the given files. */
export interface Project {
  readonly dir: string;
  /** Replaces the contents of `schema/` (or another folder of the project). */
  writeSchema(files: SchemaFiles, folder?: string): void;
  /** Removes the directory. */
  remove(): void;
}

/** Creates a temporary project with `schema/` written from `files`. */
export function makeProject(files: SchemaFiles, prefix = 'schemakit-cli-'): Project {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const project: Project = {
    dir,
    writeSchema(f, folder = 'schema') {
      const target = join(dir, folder);
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target, { recursive: true });
      for (const [name, text] of Object.entries(f)) writeFileSync(join(target, name), text);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  project.writeSchema(files);
  return project;
}

/** A one-line account of a run for assertion messages. */
export const describeRun = (r: CliResult): string =>
  `exit ${r.code}${r.signal ? ` (${r.signal})` : ''} after ${r.ms} ms\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

/** The environment that makes a spawned `schemakit` pause at `spec` (`VERSION:N` or `VERSION:batch:B`, see test/support/pause-at.ts). */
export function pauseAt(spec: string): Record<string, string> {
  const preload = join(repoRoot, 'dist', 'test', 'support', 'pause-at.js');
  return { SCHEMAKIT_TEST_PAUSE_AT: spec, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require "${preload}"`.trim() };
}

/**
 * Starts the binary and SIGKILLs it as soon as `until` says so: a pattern its stderr matches (the test pause
 * hook's line), or a check polled every 20 ms (e.g. on the database). `beforeKill` runs first, while it waits.
 */
export function runUntilThenKill(
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
  until: RegExp | (() => Promise<boolean>),
  beforeKill?: () => Promise<void>,
): Promise<{ stderr: string; killed: boolean }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [binPath, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let killed = false;
    let exited = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const kill = async () => {
      if (killed) return;
      killed = true;
      try {
        await beforeKill?.();
      } finally {
        child.kill('SIGKILL');
      }
    };
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString('utf8');
      if (until instanceof RegExp && until.test(stderr)) kill().catch(fail);
    });
    const poll = async (): Promise<void> => {
      if (exited || killed || until instanceof RegExp) return;
      if (await until()) return kill();
      await new Promise((ok) => setTimeout(ok, 20));
      return poll();
    };
    poll().catch(fail);
    child.on('error', fail);
    child.on('close', () => {
      exited = true;
      clearTimeout(timer);
      done({ stderr, killed });
    });
  });
}

/** Waits until no session of a killed runner is left on the database (the server notices the closed socket). */
export async function sessionsGone(db: Db, database: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = await queryRow<{ n: number }>(
      db,
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name LIKE 'schemakit migrate%'",
      [database],
    );
    if (r.n === 0) return;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error("the killed runner's session did not go away");
}
