import type { EnvConfig } from '../config';
import {
  applyFleet,
  checkFleet,
  declaredTenantSchema,
  fleetMigrationStatus,
  healthFleet,
  migrateFleetUp,
  pingFleet,
  planFleet,
  resolveFleet,
  type FleetProgress,
  type FleetRunOptions,
  type TargetResult,
} from '../fleet';
import { defaultCacheDir, loadSchemaDir } from '../load';
import { readMigrations } from '../migrate';
import { planToJson, renderUp, type HazardKind } from '../plan';
import { SchemakitError } from '../util';
import type { Outcome } from './commands';
import type { FleetCommandKind } from './fleet-options';
import { bold, dim, green, red, renderSummary, yellow } from './output';
import { logLine, progress } from './progress';
import { migrationsDirOf, schemaDir } from './target';

type Opts = Record<string, unknown> & {
  table?: string[];
  timeout?: string;
  failOn?: 'warning' | 'error';
  env?: string;
  url?: string;
  config?: string;
  json?: boolean;
  parallel?: string;
  canary?: string;
  stopOnError?: boolean;
  dir?: string;
  yes?: boolean;
  to?: string;
  lockWait?: string;
  allowHazard?: string[];
  online?: boolean;
};

const count = (o: string | undefined, flag: string, dflt: number) => {
  if (o === undefined) return dflt;
  const n = Number(o);
  if (!Number.isInteger(n) || n < (flag === '--canary' ? 0 : 1))
    throw new SchemakitError('cli', 'bad-option', `${flag} ${o}: not a whole number${flag === '--canary' ? '' : ' ≥ 1'}`);
  return n;
};

/** Fleet progress on the process's progress line (a terminal only, never with `--json`): done/failed/running, rate and ETA. */
function progressLine(): { onProgress?: (p: FleetProgress) => void; end: () => void } {
  const line = progress();
  if (!line.enabled) return { end: () => undefined };
  return {
    onProgress: (p) => {
      const rate = p.elapsedMs > 0 ? (p.done * 1000) / p.elapsedMs : 0;
      const eta = rate > 0 ? Math.round((p.total - p.done) / rate) : null;
      line.show('fleet', `${p.done}/${p.total} done, ${p.failed} failed, ${p.running} running, ${rate.toFixed(1)}/s${eta !== null ? `, ETA ${eta} s` : ''}`);
    },
    end: () => line.clear(),
  };
}

/**
 * The results table: target, before → after (commands that change state), result (check, health),
 * duration, status, error.
 */
export function renderResults(results: readonly TargetResult[]): string {
  const states = results.some((r) => r.before !== null || r.after !== null);
  const summaries = results.some((r) => r.summary);
  const columns: [string, (r: TargetResult) => string][] = [
    ['target', (r) => r.target],
    ...(states ? [['before → after', (r: TargetResult) => `${r.before ?? '?'} → ${r.after ?? '?'}`] as [string, (r: TargetResult) => string]] : []),
    ...(summaries ? [['result', (r: TargetResult) => r.summary ?? ''] as [string, (r: TargetResult) => string]] : []),
    ['duration', (r) => `${r.durationMs} ms`],
    ['status', (r) => r.status],
    ['error', (r) => r.error ?? ''],
  ];
  const rows = results.map((r) => columns.map(([, f]) => f(r)));
  const head = columns.map(([h]) => h);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const last = head.length - 1;
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === last ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const paint = (r: string[]) => {
    const s = line(r);
    return r[last - 1] === 'failed' ? red(s) : r[last - 1] === 'skipped' ? yellow(s) : s;
  };
  const ok = results.filter((r) => r.status === 'ok').length;
  const failed = results.filter((r) => r.status === 'failed');
  const skipped = results.filter((r) => r.status === 'skipped').length;
  const summary = `${results.length} target(s): ${green(`${ok} ok`)}, ${failed.length ? red(`${failed.length} failed`) : '0 failed'}${skipped ? `, ${yellow(`${skipped} skipped`)}` : ''}`;
  const failedList = failed.length ? `\n${red('failed:')} ${failed.map((r) => r.target).join(', ')}` : '';
  return [bold(line(head)), ...rows.map(paint), '', summary].join('\n') + failedList;
}

const exitOf = (results: readonly TargetResult[]) => (results.some((r) => r.status !== 'ok') ? 1 : 0);

/**
 * Runs `plan`, `apply`, `migrate up`, `migrate status`, `check`, `health` or `ping` across the targets of a fleet env and
 * reports one row per target (exit 0 all ok, 1 any failed or skipped; plan: 2 when any group has changes).
 */
export async function runFleetCommand(kind: FleetCommandKind, env: EnvConfig, opts: Opts): Promise<Outcome> {
  const log = logLine;
  const targets = await resolveFleet(env);
  if (targets.length === 0) throw new SchemakitError('fleet', 'empty-fleet', `env "${env.name}" (${env.location}) has no targets: nothing to do`);
  log(dim(`fleet: env ${env.name}, ${targets.length} target(s)`));
  const progress = progressLine();
  const run: FleetRunOptions = {
    parallel: count(opts.parallel, '--parallel', env.fleet?.parallel ?? 4),
    canary: count(opts.canary, '--canary', 0),
    stopOnError: Boolean(opts.stopOnError),
    onProgress: progress.onProgress,
  };
  const lockTimeoutMs = (opts.lockWait === undefined ? 60 : Number(opts.lockWait)) * 1000;
  const files = () => readMigrations(migrationsDirOf(opts, opts.dir));
  const finish = (results: TargetResult[]): Outcome => {
    progress.end();
    const doc = {
      command: kind,
      env: env.name,
      targets: results.length,
      ok: results.filter((r) => r.status === 'ok').length,
      failed: results.filter((r) => r.status === 'failed').length,
      skipped: results.filter((r) => r.status === 'skipped').length,
      results,
    };
    return { stdout: opts.json ? JSON.stringify(doc, null, 2) : renderResults(results), exitCode: exitOf(results) };
  };
  switch (kind) {
    case 'migrate-up':
      if (env.policy.requireBackup)
        throw new SchemakitError(
          'cli',
          'policy-refused',
          `migrate up refused on fleet env "${env.name}": policy requireBackup (${env.location}); fleet backups are not supported`,
        );
      return finish(await migrateFleetUp(targets, files(), { ...run, to: opts.to, lockTimeoutMs }));
    case 'migrate-status':
      return finish(await fleetMigrationStatus(targets, files(), run));
    case 'ping':
      return finish(await pingFleet(targets, files(), run));
    case 'check': {
      const { intFlag, loadCheckDeclarations } = await import('./check-command');
      const timeoutMs = intFlag('--timeout', opts.timeout);
      const declared = await loadCheckDeclarations(opts);
      return finish(
        await checkFleet(targets, { ...run, declared, boundSchema: declared ? declaredTenantSchema(declared) : undefined, tables: opts.table, timeoutMs }),
      );
    }
    case 'health': {
      const { healthOptionsOf, loadHealthDeclarations } = await import('./health-command');
      const options = healthOptionsOf(opts); // requireColumnComments is for the design lint, which fleet rows leave out
      const declared = await loadHealthDeclarations(opts);
      return finish(await healthFleet(targets, { ...run, ...options, declared, failOn: opts.failOn }));
    }
    case 'apply': {
      if (env.policy.migrationsOnly)
        throw new SchemakitError('config', 'policy-refused', `apply refused on env "${env.name}": policy migrationsOnly: true (${env.location})`);
      if (env.policy.requireBackup)
        throw new SchemakitError(
          'cli',
          'policy-refused',
          `apply refused on fleet env "${env.name}": policy requireBackup (${env.location}); fleet backups are not supported`,
        );
      if (!opts.yes)
        throw new SchemakitError(
          'cli',
          'needs-confirmation',
          `apply to ${targets.length} target(s) of fleet env "${env.name}": pass --yes (run plan --env ${env.name} first)`,
        );
      const declared = await loadSchemaDir(schemaDir(opts), { cacheDir: defaultCacheDir() });
      const allowHazards = [...new Set([...(opts.allowHazard ?? []), ...env.policy.allowHazards])] as HazardKind[];
      return finish(await applyFleet(targets, declared, { ...run, allowHazards, lockTimeoutMs, plan: { online: opts.online ?? env.policy.online } }));
    }
    case 'plan': {
      const declared = await loadSchemaDir(schemaDir(opts), { cacheDir: defaultCacheDir() });
      const fp = await planFleet(targets, declared, { ...run, plan: { online: opts.online ?? env.policy.online } });
      progress.end();
      const changes = fp.groups.some((g) => g.plan.steps.length > 0);
      const exitCode = fp.failed.length ? 1 : changes ? 2 : 0;
      if (opts.json) {
        return {
          stdout: JSON.stringify(
            {
              command: 'plan',
              env: env.name,
              targets: targets.length,
              groups: fp.groups.map((g) => ({ hash: g.hash, targets: g.targets, plan: planToJson(g.plan) })),
              failed: fp.failed,
            },
            null,
            2,
          ),
          exitCode,
        };
      }
      const text = fp.groups.map((g, i) => {
        const label = String.fromCharCode(65 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '');
        const head = bold(`${g.targets.length} target(s) at state ${label} (${g.hash.slice(0, 12)})${i > 0 ? ' (drift)' : ''}:`);
        const names = g.targets.length <= 5 ? g.targets.join(', ') : `${g.targets.slice(0, 3).join(', ')} … ${g.targets[g.targets.length - 1]}`;
        const body = g.plan.steps.length ? `${renderSummary(g.plan)}\n${dim('-- SQL --')}\n${renderUp(g.plan)}` : renderSummary(g.plan);
        return `${head}\n${dim(names)}\n${body}`;
      });
      if (targets.some((t) => t.schema))
        text.push(dim('Tenant schemas: SQL is shown with the declared schema name; each tenant runs it in its own schema (migrate up).'));
      if (fp.failed.length) text.push(red(`${fp.failed.length} target(s) could not be read:\n${fp.failed.map((f) => `  ${f.target}: ${f.error}`).join('\n')}`));
      return { stdout: text.join('\n\n'), exitCode };
    }
  }
}
