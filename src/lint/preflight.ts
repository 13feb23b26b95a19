import { queryRow, type Db } from '../db';
import type { Plan } from '../plan';
import { SchemakitError, type Problem } from '../util';
import { castHelperSql, preflightChecks, type PreflightKind } from './preflight-checks';

/** One pre-flight finding: data that would make a step fail, or a check that could not run. */
export interface PreflightFinding {
  readonly kind: PreflightKind | 'not-checked';
  /** 0-based index of the step in the plan. */
  readonly step: number;
  readonly object: string;
  /** Rows (or groups, or values) at fault; null when the check could not run. */
  readonly count: number | null;
  /** Up to three offending values, as text. */
  readonly examples: readonly string[];
  readonly message: string;
  /** A command that clears the offending rows (`schemakit dedupe …` for duplicates), when there is one. */
  readonly remedy?: string;
}

/** Options of the pre-flight checks. */
export interface PreflightOptions {
  /** Called before each check query (for progress output). */
  readonly onCheck?: (object: string) => void;
}

/**
 * Runs the data checks of every step that may fail on data (FK orphans, duplicate keys, nulls, values
 * that do not cast or are too long, violated checks, removed enum values in use) against the database as
 * it is before the plan, read-only. Returns the failing checks (count > 0) and those that could not run
 * (e.g. an expression naming a column the plan renames), never the passing ones.
 */
export async function runPreflight(db: Db, plan: Plan, options: PreflightOptions = {}): Promise<PreflightFinding[]> {
  const checks = preflightChecks(plan, db.serverVersion);
  if (checks.some((c) => c.castHelper)) await db.exec(castHelperSql);
  const out: PreflightFinding[] = [];
  for (const c of checks) {
    options.onCheck?.(c.object);
    try {
      const n = Number((await queryRow<{ n: string | number }>(db, c.countSql)).n);
      if (n === 0) continue;
      const examples = c.sampleSql === null ? [] : (await db.query<{ v: string | null }>(c.sampleSql)).map((r) => r.v ?? 'NULL');
      const e = examples.length > 0 ? ` (e.g. ${examples.join(', ')})` : '';
      const remedy = c.remedy ? { remedy: c.remedy } : {};
      out.push({
        kind: c.kind,
        step: c.step,
        object: c.object,
        count: n,
        examples,
        message: `${c.describe(n)}${e}${c.remedy ? `; clear them with: ${c.remedy}` : ''}`,
        ...remedy,
      });
    } catch (err) {
      out.push({
        kind: 'not-checked',
        step: c.step,
        object: c.object,
        count: null,
        examples: [],
        message: `${c.object}: could not be checked (${(err as Error).message.split('\n')[0]})`,
      });
    }
  }
  return out;
}

/** The findings as report lines: `step N: message`. */
export function renderPreflight(findings: readonly PreflightFinding[]): string {
  return findings.map((f) => `  - step ${f.step + 1}: ${f.message}`).join('\n');
}

/** True for a finding that makes the plan fail (not a check that could not run, not values a lossy step changes). */
export function isFailing(f: PreflightFinding): boolean {
  return f.kind !== 'not-checked' && f.kind !== 'values-change';
}

/** Runs the checks and throws `preflight-failed` with the report when data would make the plan fail. */
export async function checkPreflight(db: Db, plan: Plan, options: PreflightOptions = {}): Promise<readonly PreflightFinding[]> {
  const findings = await runPreflight(db, plan, options);
  const failing = findings.filter(isFailing);
  if (failing.length === 0) return findings;
  // No `object` in the problems: the CLI prints problems the message does not already contain.
  const problems: Problem[] = failing.map((f) => ({ code: f.kind, message: `step ${f.step + 1}: ${f.message}` }));
  throw new SchemakitError(
    'apply',
    'preflight-failed',
    `pre-flight checks found data the plan would fail on; nothing was applied. Fix the data (or the schema) first:\n${renderPreflight(failing)}`,
    { problems },
  );
}
