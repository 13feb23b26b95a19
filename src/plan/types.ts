import type { Change } from '../diff';

/** Hazard kinds, set where the SQL is built (never guessed from SQL text). User-facing: kebab-case. */
export type HazardKind = 'deletes-data' | 'table-rewrite' | 'access-exclusive-lock' | 'index-build' | 'may-fail-on-data' | 'irreversible';

export const hazardKinds: readonly HazardKind[] = ['deletes-data', 'table-rewrite', 'access-exclusive-lock', 'index-build', 'may-fail-on-data', 'irreversible'];

export interface Hazard {
  readonly kind: HazardKind;
  readonly message: string;
}

/** One SQL statement of a plan with its reverse. */
export interface Step {
  /** The statement, without trailing semicolon. */
  readonly sql: string;
  /** The statement that undoes it; '' when there is nothing to undo (a validation); null with `irreversible` saying why. */
  readonly reverse: string | null;
  readonly irreversible: string | null;
  readonly hazards: readonly Hazard[];
  /** False for statements that cannot run inside a transaction block. */
  readonly transactional: boolean;
  /** Object the step is about, e.g. `public.users` (for summaries). */
  readonly object: string;
  /** `+` create, `~` alter, `-` drop (for summaries). */
  readonly op: '+' | '~' | '-';
  /** The change this step implements. */
  readonly change: Change;
  /** Locks the statement takes on tables that already exist (none for objects the plan creates). */
  readonly locks: readonly TableLock[];
  /** `lock_timeout` / `statement_timeout` to run the statement with (online plans), else null. */
  readonly timeouts: StepTimeouts | null;
}

/** Table lock modes, weakest last (PostgreSQL's names, as in `LOCK TABLE … IN … MODE`). */
export type LockMode =
  'ACCESS EXCLUSIVE' | 'EXCLUSIVE' | 'SHARE ROW EXCLUSIVE' | 'SHARE' | 'SHARE UPDATE EXCLUSIVE' | 'ROW EXCLUSIVE' | 'ROW SHARE' | 'ACCESS SHARE';

/**
 * A lock a step takes on an existing table, pg-schema-diff style: the mode (what it blocks), and whether
 * the table is rewritten or read in full (validation, index build) while the lock is held.
 */
export interface TableLock {
  /** `schema.table`. */
  readonly table: string;
  readonly mode: LockMode;
  readonly rewrite: boolean;
  readonly scan: boolean;
}

/** Timeouts (milliseconds) a statement runs with. */
export interface StepTimeouts {
  readonly lockMs: number;
  readonly statementMs: number;
}

/** Options of planChanges. */
export interface PlanOptions {
  /**
   * Online mode: indexes built and dropped CONCURRENTLY, foreign keys and checks added NOT VALID then
   * validated on their own, SET NOT NULL through a validated check, and timeouts on every statement.
   */
  readonly online?: boolean;
  /** lock_timeout of every online statement (default 3 s, like pg-schema-diff). */
  readonly lockTimeoutMs?: number;
  /** statement_timeout of online statements that take a lock briefly (default 3 s). */
  readonly statementTimeoutMs?: number;
  /** statement_timeout of online statements that scan, build or rewrite (default 20 min). */
  readonly longStatementTimeoutMs?: number;
}

/** An ordered list of steps. `down` is the reverses in reverse order. */
export interface Plan {
  readonly steps: readonly Step[];
}
