import { DbQueryError, type Db } from '../db';
import { timeoutsSql, type Step, type StepTimeouts } from '../plan';

/** SQLSTATE 55P03 lock_not_available: `lock_timeout` expired (or NOWAIT failed). */
export const LOCK_NOT_AVAILABLE = '55P03';

/** How often and how patiently a unit is retried after a lock timeout. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 3). */
  readonly retries: number;
  /** Wait before the first retry, doubled each time (default 500 ms). */
  readonly delayMs: number;
  /** Called before each retry with the attempt number (1-based) and the error. */
  readonly onRetry?: (attempt: number, error: DbQueryError) => void;
}

export const DEFAULT_LOCK_RETRIES = 3;
export const DEFAULT_RETRY_DELAY_MS = 500;

/** The lock timeout error in `e`'s cause chain, or null. */
export function lockTimeoutError(e: unknown): DbQueryError | null {
  for (let x: unknown = e; x; x = (x as { cause?: unknown }).cause) {
    if (x instanceof DbQueryError && x.sqlState === LOCK_NOT_AVAILABLE) return x;
  }
  return null;
}

/**
 * Runs `attempt` again after a lock timeout, at most `policy.retries` more times with a doubling delay.
 * The caller makes each attempt start clean (a rolled-back transaction, or statements that are idempotent
 * from the first one, like DROP INDEX CONCURRENTLY IF EXISTS before a concurrent build).
 */
export async function withLockRetries<T>(policy: RetryPolicy, attempt: () => Promise<T>): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      const timeout = lockTimeoutError(e);
      if (timeout === null || n >= policy.retries) throw e;
      policy.onRetry?.(n + 1, timeout);
      await new Promise((r) => setTimeout(r, policy.delayMs * 2 ** n));
    }
  }
}

/** Keeps the session's lock_timeout / statement_timeout equal to each step's, setting them only on change. */
export class SessionTimeouts {
  private current: string | null = null;
  constructor(private readonly db: Db) {}

  /** Sets the step's timeouts (no-op for steps without). */
  async enter(step: Step): Promise<void> {
    if (step.timeouts === null) return;
    const key = `${step.timeouts.lockMs}/${step.timeouts.statementMs}`;
    if (key === this.current) return;
    await this.set(step.timeouts);
    this.current = key;
  }

  /** Forgets what was set (after a rollback, which undoes a SET made in the transaction). */
  forget(): void {
    this.current = null;
  }

  /** Puts the server defaults back when anything was set. */
  async reset(touched: boolean): Promise<void> {
    if (touched) await this.db.exec('RESET lock_timeout; RESET statement_timeout');
  }

  private async set(t: StepTimeouts): Promise<void> {
    for (const sql of timeoutsSql(t)) await this.db.exec(sql);
  }
}
