import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { disposeEngines, dropRunDatabases, releaseEngines } from './engines';

/**
 * The test server's connections commit without waiting for the WAL flush: `synchronous_commit=off` through
 * PGOPTIONS, which pg (and psql, pg_dump, and the CLI runs the tests start) send at connect. A test commits
 * DDL dozens of times (resets, a.sql, every step of a plan and its down), and each flush waits for the
 * disk, which the other tests' flushes and checkpoints share (up to ~40% of a fixture test's wall time on
 * the loaded 2-core machine). Only a crash of the server (not of a client) could lose such commits; no test
 * crashes the shared server.
 */
const asyncCommit = '-c synchronous_commit=off';
if (!(process.env.PGOPTIONS ?? '').includes('synchronous_commit')) process.env.PGOPTIONS = `${process.env.PGOPTIONS ?? ''} ${asyncCommit}`.trim();

/**
 * Mocha root hooks and global fixtures (loaded by .mocharc.json `require`).
 *
 * Serial run: after the run, every database the engines handed out is closed and dropped and the PGlite pool
 * is shut down. Parallel run (`--parallel`: the hook runs after each file, in its worker): what the file left
 * open goes back to the pools, which the worker keeps for its next files (a new PGlite costs 2-4 s of CPU, a
 * server database a CREATE and a DROP DATABASE); the worker's server databases carry the run's id
 * (SCHEMAKIT_TEST_RUN, set by the global setup before the workers start) and the global teardown, in the main
 * process after the workers are gone, drops them.
 */
export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(120_000); // drops every database handed out: seconds each on a loaded server
    // A plan with reference data returns before its scratch database is dropped; the binary's process waits for
    // that drop before it exits, but a parallel run's worker is terminated when the run ends, which cut such a
    // DROP DATABASE and left an invalid scratch database on the server (one per run).
    const pipeline = join(__dirname, '..', '..', 'src', 'pipeline', 'reference-data.js');
    if (require.cache[pipeline]) await (require(pipeline) as { scratchDropsSettled(): Promise<void> }).scratchDropsSettled().catch(() => undefined);
    if (process.env.MOCHA_WORKER_ID !== undefined) await releaseEngines();
    else await disposeEngines();
  },
};

export function mochaGlobalSetup(): void {
  process.env.SCHEMAKIT_TEST_RUN ??= randomBytes(3).toString('hex');
}

export async function mochaGlobalTeardown(): Promise<void> {
  await dropRunDatabases();
}
