import { migrateUp, migrationStates, readHistory, readProgress, withMigrationLock, type MigrationFile } from '../migrate';
import { runFleet } from './run-fleet';
import { FleetConnections, withFleetTarget } from './open-target';
import { scopeOf } from './tenant-scope';
import type { FleetRunOptions, FleetTarget, TargetResult } from './types';
import type { TargetOutcome } from './run-fleet';

/** runFleet with one connection pool for the run (tenant schemas of a database reuse idle sessions). */
async function runPooled(
  targets: readonly FleetTarget[],
  job: (t: FleetTarget, pool: FleetConnections) => Promise<TargetOutcome>,
  options: FleetRunOptions,
): Promise<TargetResult[]> {
  const pool = new FleetConnections();
  try {
    return await runFleet(targets, (t) => job(t, pool), options);
  } finally {
    await pool.close();
  }
}

/** Options of migrateFleetUp. */
export interface FleetMigrateOptions extends FleetRunOptions {
  readonly to?: string;
  /** Wait this long for each target's migration lock (default 60 s). */
  readonly lockTimeoutMs?: number;
}

const newest = (versions: readonly string[]) => versions[versions.length - 1] ?? '-';

/**
 * `migrate up` on every target: each under its own migration lock, each migration in its own transaction
 * with its history row, exactly as for one database. A rerun reads each target's history and applies
 * only what is pending there, so an interrupted fleet run is resumed by running it again.
 */
export async function migrateFleetUp(
  targets: readonly FleetTarget[],
  files: readonly MigrationFile[],
  options: FleetMigrateOptions = {},
): Promise<TargetResult[]> {
  return runPooled(
    targets,
    (t, pool) => {
      const scope = scopeOf(t);
      return withFleetTarget(
        t,
        (db) =>
          withMigrationLock(
            db,
            { timeoutMs: options.lockTimeoutMs ?? 60_000, label: 'schemakit fleet migrate up', key: scope.lockKey, scope: scope.lockScope },
            async () => {
              const before = newest((await readHistory(db, scope.history)).map((h) => h.version));
              const runs = await migrateUp(db, files, { to: options.to, history: scope.history, placeholders: scope.placeholders });
              const after = runs.at(-1)?.version ?? before;
              return { before, after, detail: { applied: runs.map((r) => r.version), statements: runs.reduce((n, r) => n + r.statements, 0) } };
            },
          ),
        pool,
      );
    },
    options,
  );
}

/** `migrate status` on every target: applied/pending counts; a target with edited, missing or interrupted migrations fails. */
export async function fleetMigrationStatus(
  targets: readonly FleetTarget[],
  files: readonly MigrationFile[],
  options: FleetRunOptions = {},
): Promise<TargetResult[]> {
  return runPooled(
    targets,
    (t, pool) =>
      withFleetTarget(
        t,
        async (db) => {
          const { history: at } = scopeOf(t);
          const history = await readHistory(db, at);
          const states = migrationStates(files, history, await readProgress(db, at));
          const count = (...kinds: string[]) => states.filter((s) => kinds.includes(s.kind)).length;
          const problems = states.filter((s) => s.kind === 'edited' || s.kind === 'missing-file' || s.kind === 'interrupted');
          const current = newest(history.map((h) => h.version));
          const pendingTo = newest(files.map((f) => f.version));
          return {
            before: current,
            after: count('pending') ? pendingTo : current,
            detail: { applied: count('applied'), pending: count('pending'), problems: problems.length },
            failed: problems.length ? problems.map((p) => `${p.kind} ${p.version}`).join(', ') : null,
          };
        },
        pool,
      ),
    options,
  );
}

/** `ping` on every target: reachable, server version, round trip, pending migrations (an unreachable target fails). */
export async function pingFleet(targets: readonly FleetTarget[], files: readonly MigrationFile[], options: FleetRunOptions = {}): Promise<TargetResult[]> {
  return runPooled(
    targets,
    (t, pool) =>
      withFleetTarget(
        t,
        async (db) => {
          const t0 = performance.now();
          await db.query('SELECT 1');
          const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
          const { history: at } = scopeOf(t);
          const history = await readHistory(db, at);
          const pending = migrationStates(files, history, await readProgress(db, at)).filter((s) => s.kind === 'pending').length;
          const current = newest(history.map((h) => h.version));
          return { before: current, after: current, detail: { serverVersion: db.serverVersion, latencyMs, pending } };
        },
        pool,
      ),
    options,
  );
}
