/** Applying plans to a database. */
export { applyPlan, checkHazards, blockingHazards, type ApplyOptions, type ApplyResult } from './apply';
export {
  readLockSettings, lockBudget, estimateLocks, chunkByLocks, changeLockObjects, DEFAULT_LOCK_BUDGET_FRACTION, type LockSettings,
} from './lock-budget';
