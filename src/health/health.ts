import { inTransaction, queryRow, withTransaction, type Db } from '../db';
import type { Catalog } from '../model';
import { SchemakitError } from '../util';
import { checkActivity } from './activity-findings';
import { checkBloat } from './bloat-findings';
import type { CheckResult, HealthContext } from './context';
import { checkDatabase, readDatabaseStat } from './database-findings';
import { lintDesign } from './design-lint';
import { checkForeignKeys } from './fk-findings';
import { checkIndexes } from './index-findings';
import { readIndexStats } from './index-stats';
import { checkSequences } from './sequence-findings';
import { checkStatements } from './statement-findings';
import { checkTables } from './table-findings';
import { readTableStats } from './table-stats';
import {
  allHealthKinds,
  categoryOf,
  defaultThresholds,
  healthKinds,
  type Finding,
  type HealthKind,
  type HealthReport,
  type Severity,
  type Thresholds,
  type Unavailable,
} from './types';

/** Declarations to point findings at, and to lint: Declared's catalog and locations. */
export interface DeclaredModel {
  readonly catalog: Catalog;
  readonly locations: ReadonlyMap<string, string>;
}

/** Options of health() and lintDeclared(). */
export interface HealthOptions {
  readonly thresholds?: Partial<Thresholds>;
  /** Kinds or categories to check (`unused-index`, `indexes` …); all when empty or absent. */
  readonly only?: readonly string[];
  /** The declared schema: findings name their declaration's file:line, and the design lint runs on it. */
  readonly declared?: DeclaredModel | null;
  readonly requireColumnComments?: boolean;
  /** statement_timeout of the pass, in milliseconds (default 30 000; 0 for none). */
  readonly statementTimeoutMs?: number;
  /** lock_timeout of the pass, in milliseconds (default 5 000): sizes wait for locks, e.g. behind an ALTER TABLE. */
  readonly lockTimeoutMs?: number;
}

/** Resolves `--only` values (kinds or categories) into a predicate; an unknown name is an error. */
export function kindFilter(only: readonly string[] | undefined): (kind: HealthKind) => boolean {
  if (!only || only.length === 0) return () => true;
  const chosen = new Set<HealthKind>();
  const bad: string[] = [];
  for (const name of only) {
    if (name in healthKinds) for (const k of healthKinds[name as keyof typeof healthKinds]) chosen.add(k);
    else if ((allHealthKinds as readonly string[]).includes(name)) chosen.add(name as HealthKind);
    else bad.push(name);
  }
  if (bad.length > 0) {
    throw new SchemakitError(
      'health',
      'unknown-kind',
      `unknown finding kind or category ${bad.join(', ')} (categories: ${Object.keys(healthKinds).join(', ')}; kinds: ${allHealthKinds.join(', ')})`,
    );
  }
  return (k) => chosen.has(k);
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const kindRank = (k: HealthKind) => allHealthKinds.indexOf(k);

/** Findings in report order: severity, then kind (category order), then object. */
export function sortFindings(fs: readonly Finding[]): Finding[] {
  return [...fs].sort(
    (a, b) => severityRank[a.severity] - severityRank[b.severity] || kindRank(a.kind) - kindRank(b.kind) || (a.object ?? '').localeCompare(b.object ?? ''),
  );
}

function report(
  base: Pick<HealthReport, 'database' | 'engine' | 'serverVersion' | 'readOnly' | 'statsReset'>,
  findings: Finding[],
  unavailable: Unavailable[],
): HealthReport {
  const sorted = sortFindings(findings);
  const count = (s: Severity) => sorted.filter((f) => f.severity === s).length;
  return { ...base, findings: sorted, unavailable, summary: { errors: count('error'), warnings: count('warning'), infos: count('info') } };
}

const designKinds = new Set<HealthKind>(healthKinds.design);

/** The design lint alone, over declarations (no database): `schemakit health --schema DIR`. */
export function lintDeclared(declared: DeclaredModel, options: Omit<HealthOptions, 'declared'> = {}): HealthReport {
  const wants = kindFilter(options.only);
  const findings = lintDesign(declared.catalog, { locations: declared.locations, requireColumnComments: options.requireColumnComments, wants });
  const skipped = allHealthKinds.filter((k) => wants(k) && !designKinds.has(k)).map((kind) => ({ kind, reason: 'no database given (design lint only)' }));
  return report({ database: null, engine: null, serverVersion: null, readOnly: true, statsReset: null }, findings, skipped);
}

/**
 * The database doctor: one read-only transaction of set-based catalog and statistics queries, giving
 * typed findings with numbers and a fix; with `declared`, each names the declaration to edit and the
 * design lint runs too. PGlite has no activity counters and one session: those kinds are listed as unavailable.
 */
export async function health(db: Db, options: HealthOptions = {}): Promise<HealthReport> {
  const wants = kindFilter(options.only);
  const thresholds: Thresholds = { ...defaultThresholds, ...options.thresholds };
  const locations = options.declared?.locations;
  const ctx: HealthContext = { db, thresholds, locate: (k) => locations?.get(k) ?? null, wants };
  const server = db.engine === 'postgres';
  const outer = !inTransaction(db);
  return withTransaction(db, async () => {
    if (outer) await db.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const timeout = Math.max(0, Math.floor(options.statementTimeoutMs ?? 30_000));
    // Sizes (pg_relation_size) take ACCESS SHARE locks: behind an ACCESS EXCLUSIVE lock, fail rather than queue.
    await db.exec(`SET LOCAL statement_timeout = ${timeout}; SET LOCAL lock_timeout = ${Math.max(0, Math.floor(options.lockTimeoutMs ?? 5000))}`);
    const { ro } = await queryRow<{ ro: string }>(db, `SELECT current_setting('transaction_read_only') AS ro`);
    const needIndexes = (['unused-index', 'duplicate-index', 'redundant-index', 'invalid-index'] as const).some(wants);
    const needTables = allHealthKinds.some((k) => wants(k) && ['storage', 'cache', 'indexes', 'limits'].includes(categoryOf(k)));
    const dbStat = await readDatabaseStat(ctx);
    const results: CheckResult[] = [
      checkDatabase(ctx, dbStat, server),
      needIndexes ? checkIndexes(ctx, await readIndexStats(db), server) : { findings: [], unavailable: [] },
      await checkForeignKeys(ctx),
      needTables ? checkTables(ctx, await readTableStats(db), server) : { findings: [], unavailable: [] },
      await checkBloat(ctx),
      await checkStatements(ctx, server),
      await checkActivity(ctx, server),
      await checkSequences(ctx),
    ];
    const design = options.declared ? lintDesign(options.declared.catalog, { locations, requireColumnComments: options.requireColumnComments, wants }) : [];
    const unavailable = results.flatMap((r) => r.unavailable);
    if (!options.declared)
      for (const kind of healthKinds.design) if (wants(kind)) unavailable.push({ kind, reason: 'no declarations loaded (schema/ not found)' });
    return report(
      { database: db.description, engine: db.engine, serverVersion: db.serverVersion, readOnly: ro === 'on', statsReset: dbStat.statsReset },
      [...results.flatMap((r) => r.findings), ...design],
      unavailable,
    );
  });
}
