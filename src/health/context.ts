import type { Db } from '../db';
import { categoryOf, type Finding, type Fix, type HealthKind, type Severity, type Thresholds, type Unavailable } from './types';

/** What every check receives: the connection (inside the read-only transaction), limits and declarations. */
export interface HealthContext {
  readonly db: Db;
  readonly thresholds: Thresholds;
  /** `file:line` of a declared object by model key (`schema.table`, `schema.index`, `schema.table.column`). */
  readonly locate: (key: string) => string | null;
  /** Whether a kind was asked for (`--only`). */
  readonly wants: (kind: HealthKind) => boolean;
}

/** What a check returns. */
export interface CheckResult {
  readonly findings: Finding[];
  readonly unavailable: Unavailable[];
}

/** Builds a finding (category derived from the kind). */
export function finding(
  kind: HealthKind,
  severity: Severity,
  object: string | null,
  message: string,
  numbers: Record<string, number | string | null>,
  fix: Fix | null,
  location: string | null = null,
): Finding {
  return { kind, category: categoryOf(kind), severity, object, message, numbers, fix, location };
}

/** `pg` returns bigint and numeric as strings: numbers of a row, null kept. */
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Schemas that are Postgres's own, left out of every check. */
export const systemSchemas = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;

/** Rounds to one decimal (percentages in messages and numbers). */
export const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Whether an extension is created in the current database. */
export async function hasExtension(db: Db, name: string): Promise<boolean> {
  const rows = await db.query<{ ok: boolean }>('SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = $1) AS ok', [name]);
  return rows[0]?.ok === true;
}
