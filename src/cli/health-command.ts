import { existsSync } from 'node:fs';
import type { Declared } from '../declare';
import {
  health,
  lintDeclared,
  planRefresh,
  planVacuum,
  runMaintenance,
  type Finding,
  type HealthReport,
  type MaintenanceStep,
  type Severity,
  type Thresholds,
} from '../health';
import { SchemakitError } from '../util';
import { using, type Outcome } from './commands';
import { loadDeclarations } from './load-declarations';
import { thresholdFlags, kebab } from './health-program';
import { bold, dim, red, yellow } from './output';
import { progress } from './progress';
import { openTarget, openWithDeclarations, projectConfig, schemaDir, type TargetOptions } from './target';

export type HealthFlags = TargetOptions & {
  json?: boolean;
  only?: string[];
  failOn?: 'warning' | 'error';
  requireColumnComments?: boolean;
  statementTimeout?: string;
  schemaGiven?: boolean;
  env?: string;
} & Record<string, unknown>;

const log = (s: string) => process.stderr.write(s + '\n');

/** A non-negative number flag. */
function numberFlag(flag: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new SchemakitError('cli', 'bad-option', `${flag} must be a non-negative number, not "${String(v)}"`);
  return n;
}

function thresholdsOf(o: HealthFlags): Partial<Thresholds> {
  const out: Record<string, number> = {};
  for (const [key] of thresholdFlags) {
    const n = numberFlag(`--${kebab(key)}`, o[key]);
    if (n !== undefined) out[key] = n;
  }
  return out as Partial<Thresholds>;
}

/** Loads schema/ for locations and the design lint; a broken schema/ is reported and the check goes on without it. */
export async function loadHealthDeclarations(o: HealthFlags): Promise<Declared | null> {
  const dir = schemaDir(o);
  if (!existsSync(dir)) {
    if (o.schemaGiven) throw new SchemakitError('cli', 'bad-path', `${dir} does not exist`);
    return null;
  }
  try {
    return await loadDeclarations(dir);
  } catch (err) {
    if (o.schemaGiven) throw err;
    log(`${yellow('warning')} declarations in ${dir} not loaded, findings will not name file:line: ${(err as Error).message}`);
    return null;
  }
}

/** The options of health() the flags give: thresholds (schemakit.yaml's `health:`, the flags over it), kinds, timeout. */
export function healthOptionsOf(o: HealthFlags): {
  thresholds: Partial<Thresholds>;
  only?: string[];
  requireColumnComments?: boolean;
  statementTimeoutMs?: number;
} {
  return {
    // schemakit.yaml's `health:` (validated with file:line when loaded), then the flags over it.
    thresholds: { ...projectConfig(o).health, ...thresholdsOf(o) } as Partial<Thresholds>,
    only: o.only,
    requireColumnComments: o.requireColumnComments,
    statementTimeoutMs: numberFlag('--statement-timeout', o.statementTimeout),
  };
}

/** `schemakit health`: exit 1 when --fail-on is met, else 0. */
export async function runHealth(o: HealthFlags): Promise<Outcome> {
  const options = healthOptionsOf(o);
  const designOnly = o.schemaGiven === true && !o.url && !o.env && !process.env.DATABASE_URL;
  let report: HealthReport;
  if (designOnly) {
    report = lintDeclared((await loadHealthDeclarations(o))!, options);
  } else {
    const { declared, db } = await openWithDeclarations(o, () => loadHealthDeclarations(o));
    report = await using([db], () => health(db, { ...options, declared }));
  }
  const failing = o.failOn === 'error' ? report.summary.errors : o.failOn === 'warning' ? report.summary.errors + report.summary.warnings : 0;
  return { stdout: o.json ? JSON.stringify(report, null, 2) : renderHealth(report), exitCode: failing > 0 ? 1 : 0 };
}

const titles: Record<Severity, (s: string) => string> = { error: (s) => red(bold(s)), warning: (s) => yellow(bold(s)), info: bold };
const heading: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

function renderFinding(f: Finding): string[] {
  const lines = [`  ${bold(f.kind)}  ${f.message}`];
  if (f.location) lines.push(`      at ${f.location}`);
  if (f.fix) {
    lines.push(`      fix: ${f.fix.text}`);
    if (f.fix.typescript) lines.push(`           ${f.fix.typescript}`);
    if (f.fix.sql) lines.push(`           ${f.fix.sql}`);
  }
  return lines;
}

/** The report as text: a header, findings grouped by severity with their fix, what could not be checked, a summary. */
export function renderHealth(r: HealthReport): string {
  const version = r.serverVersion
    ? ` (${r.engine === 'pglite' ? 'PGlite, PostgreSQL' : 'PostgreSQL'} ${Math.floor(r.serverVersion / 10000)}.${r.serverVersion % 100})`
    : '';
  const out = [
    dim(
      r.database
        ? `health of ${r.database}${version}: one ${r.readOnly ? 'read-only ' : ''}transaction${r.statsReset ? `; statistics since ${r.statsReset}` : ''}`
        : 'design lint of the declarations (no database)',
    ),
  ];
  for (const s of ['error', 'warning', 'info'] as const) {
    const fs = r.findings.filter((f) => f.severity === s);
    if (fs.length === 0) continue;
    out.push('', titles[s](`${heading[s]} (${fs.length})`));
    for (const f of fs) out.push(...renderFinding(f));
  }
  if (r.unavailable.length > 0) {
    out.push('', dim('Not checked'));
    for (const u of r.unavailable) out.push(dim(`  ${u.kind}: ${u.reason}`));
  }
  const { errors, warnings, infos } = r.summary;
  out.push('', `${errors} error(s), ${warnings} warning(s), ${infos} info`);
  return out.join('\n');
}

type MaintenanceFlags = TargetOptions & { table?: string[]; full?: boolean; ifBloatOver?: string; dryRun?: boolean; json?: boolean };

/** Runs or prints maintenance steps: progress on a TTY, then a summary (or one JSON document). */
async function runSteps(db: Parameters<typeof runMaintenance>[0], steps: readonly MaintenanceStep[], o: MaintenanceFlags, verb: string): Promise<Outcome> {
  if (o.dryRun) {
    return {
      stdout: o.json
        ? JSON.stringify({ dryRun: true, steps }, null, 2)
        : steps.length
          ? steps.map((s) => `${s.sql};${s.reason ? dim(`  -- ${s.reason}`) : ''}`).join('\n')
          : `Nothing to ${verb}.`,
      exitCode: 0,
    };
  }
  const line = progress();
  const started = performance.now();
  const results = await runMaintenance(db, steps, (i, s) => line.show(verb, `[${i + 1}/${steps.length}] ${s.sql}`)).finally(() => line.clear());
  const ms = Math.round(performance.now() - started);
  if (o.json) return { stdout: JSON.stringify({ dryRun: false, steps: results, ms }, null, 2), exitCode: 0 };
  if (results.length === 0) return { stdout: `Nothing to ${verb}.`, exitCode: 0 };
  const lines = results.map((s) => `  ${s.sql}  ${dim(`${s.ms} ms${s.reason ? `, ${s.reason}` : ''}`)}`);
  return { stdout: `${lines.join('\n')}\n${results.length} statement(s) in ${ms} ms.`, exitCode: 0 };
}

/** `schemakit vacuum|analyze [--table T…] [--full] [--if-bloat-over PCT] [--dry-run]`. */
export async function runVacuum(mode: 'vacuum' | 'analyze', o: MaintenanceFlags): Promise<Outcome> {
  const pct = numberFlag('--if-bloat-over', o.ifBloatOver);
  const db = await openTarget(o);
  return using([db], async () => runSteps(db, await planVacuum(db, mode, { tables: o.table, full: o.full, ifBloatOverPct: pct }), o, mode));
}

/** `schemakit refresh [matview…] [--dry-run]`. */
export async function runRefresh(names: readonly string[], o: MaintenanceFlags): Promise<Outcome> {
  const db = await openTarget(o);
  return using([db], async () => runSteps(db, await planRefresh(db, names), o, 'refresh'));
}
