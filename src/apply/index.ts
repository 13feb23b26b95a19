/** Applying plans to a database: hazards, pre-flight, lock budget and lock retries. */
export { applyPlan, checkHazards, blockingHazards, type ApplyOptions, type ApplyResult } from './apply';
export { readLockSettings, lockBudget, estimateLocks, chunkByLocks, changeLockObjects, DEFAULT_LOCK_BUDGET_FRACTION, type LockSettings } from './lock-budget';
export { withLockRetries, lockTimeoutError, LOCK_NOT_AVAILABLE, DEFAULT_LOCK_RETRIES, DEFAULT_RETRY_DELAY_MS, type RetryPolicy } from './lock-retry';
