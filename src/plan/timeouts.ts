import type { PlanOptions, Step, StepTimeouts } from './types';

/** pg-schema-diff's defaults: 3 s to get a lock or run a statement, 20 min for builds, validations and rewrites. */
export const DEFAULT_LOCK_TIMEOUT_MS = 3_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 3_000;
export const DEFAULT_LONG_STATEMENT_TIMEOUT_MS = 20 * 60_000;

/**
 * The timeouts of one online step: every statement waits at most `lockTimeoutMs` for its locks (a DDL
 * statement queued behind a long transaction blocks everyone queued behind it); statements that scan,
 * build or rewrite get the long statement timeout, the others the short one.
 */
export function stepTimeouts(step: Step, options: PlanOptions): StepTimeouts {
  const long = step.locks.some((l) => l.scan || l.rewrite) || step.hazards.some((h) => h.kind === 'index-build' || h.kind === 'table-rewrite');
  return {
    lockMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
    statementMs: long ? (options.longStatementTimeoutMs ?? DEFAULT_LONG_STATEMENT_TIMEOUT_MS) : (options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS),
  };
}

/** `SET lock_timeout = …; SET statement_timeout = …` for a step (session level: outlives the transaction). */
export function timeoutsSql(t: StepTimeouts): string[] {
  return [`SET lock_timeout = ${t.lockMs}`, `SET statement_timeout = ${t.statementMs}`];
}
