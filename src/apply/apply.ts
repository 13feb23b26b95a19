import { withTransaction, type Db } from '../db';
import { planPreamble, type HazardKind, type Plan, type Step } from '../plan';
import { SchemakitError, type Problem, must } from '../util';
import { chunkByLocks, DEFAULT_LOCK_BUDGET_FRACTION, estimateLocks, lockBudget, readLockSettings } from './lock-budget';
import { DEFAULT_LOCK_RETRIES, DEFAULT_RETRY_DELAY_MS, SessionTimeouts, withLockRetries } from './lock-retry';
import { checkPreflight, type PreflightOptions } from '../lint';

/** Options of `applyPlan`. */
export interface ApplyOptions {
  /** Hazard kinds the user accepts; `deletes-data` and `irreversible` are refused unless listed. */
  readonly allowHazards?: readonly HazardKind[];
  /** Commit in chunks that each fit the lock budget (resumable: re-planning yields the remaining steps). */
  readonly chunked?: boolean;
  /** Called before each statement runs, with its index in the plan. */
  readonly onStep?: (s: Step, i: number) => void;
  /** Fraction of the server's lock table one transaction may use (default 0.5). */
  readonly lockBudgetFraction?: number;
  /**
   * Retries of a transaction or non-transactional statement that hit `lock_timeout` (SQLSTATE 55P03),
   * with a doubling delay from `retryDelayMs` (defaults 3 and 500 ms). Online plans set lock_timeout on
   * every statement; see PlanOptions.
   */
  readonly lockRetries?: number;
  readonly retryDelayMs?: number;
  /** Called before each retry after a lock timeout. */
  readonly onRetry?: (attempt: number, error: Error) => void;
  /**
   * Pre-flight data checks (orphan rows, duplicates, nulls, values that do not cast…) run before anything;
   * `false` skips them. Violations refuse the plan with `preflight-failed` and the numbers.
   */
  readonly preflight?: boolean | PreflightOptions;
}

/** What `applyPlan` did. */
export interface ApplyResult {
  readonly applied: number;
  /** Transactions committed. */
  readonly chunks: number;
  /** Statements run outside any transaction (online builds and validations, ALTER TYPE … ADD VALUE). */
  readonly outside: number;
  readonly durationMs: number;
}

/** Hazard kinds that are refused unless explicitly allowed. */
export const blockingHazards: readonly HazardKind[] = ['deletes-data', 'irreversible'];

/** A unit of execution: one non-transactional statement, or steps run in one transaction. */
interface Unit {
  readonly transactional: boolean;
  readonly steps: readonly { readonly step: Step; readonly index: number }[];
}

/** Throws `hazard-refused` listing every step with a blocking hazard the options do not allow. */
export function checkHazards(plan: Plan, allow: readonly HazardKind[]): void {
  const refused = blockingHazards.filter((k) => !allow.includes(k));
  const problems: Problem[] = [];
  // No `object` in the problems: the CLI prints only problems the message does not already list, so each
  // hazard appears once. A hazard repeated on one step is listed once too.
  const seen = new Set<string>();
  plan.steps.forEach((s, i) => {
    for (const h of s.hazards) {
      const message = `step ${i + 1}: ${h.message}`;
      if (!refused.includes(h.kind) || seen.has(`${h.kind}\u0000${message}`)) continue;
      seen.add(`${h.kind}\u0000${message}`);
      problems.push({ code: h.kind, message });
    }
  });
  if (problems.length === 0) return;
  const kinds = [...new Set(problems.map((p) => p.code))];
  const list = problems.map((p) => `  - [${p.code}] ${p.message}`).join('\n');
  throw new SchemakitError(
    'apply',
    'hazard-refused',
    `the plan has ${kinds.join(' and ')} hazards; nothing was applied. Allow them explicitly (--allow-hazard ${kinds.join(' --allow-hazard ')}) to proceed:\n${list}`,
    { problems },
  );
}

/**
 * Splits the plan (in order) into runs of transactional statements and non-transactional ones; consecutive
 * non-transactional statements of one change (DROP INDEX CONCURRENTLY IF EXISTS, then CREATE INDEX
 * CONCURRENTLY) form one unit, retried from its first statement.
 */
function units(plan: Plan): Unit[] {
  const out: { transactional: boolean; steps: { step: Step; index: number }[] }[] = [];
  plan.steps.forEach((step, index) => {
    const last = out[out.length - 1];
    const sameChange = last !== undefined && !last.transactional && !step.transactional && last.steps.at(-1)?.step.change === step.change;
    if (last !== undefined && ((step.transactional && last.transactional) || sameChange)) last.steps.push({ step, index });
    else out.push({ transactional: step.transactional, steps: [{ step, index }] });
  });
  return out;
}

/**
 * Applies a plan: refuses blocking hazards and plans whose transaction would overflow the server's lock
 * table (before running anything), runs the non-transactional statements first, then the rest in one
 * transaction (or, with `chunked`, in lock-budget-sized transactions). A failure rolls back the open
 * transaction and throws an error naming the statement and saying what had already been committed.
 */
export async function applyPlan(db: Db, plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const started = Date.now();
  checkHazards(plan, options.allowHazards ?? []);
  if (options.preflight !== false) await checkPreflight(db, plan, options.preflight === true ? {} : options.preflight);
  let work = units(plan);
  if (work.some((u) => u.transactional)) work = await fitLockBudget(db, work, options);
  for (const setting of planPreamble(plan)) await db.exec(setting);
  const committed: string[] = [];
  let applied = 0;
  let chunks = 0;
  let outside = 0;
  const timeouts = new SessionTimeouts(db);
  const retry = { retries: options.lockRetries ?? DEFAULT_LOCK_RETRIES, delayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS, onRetry: options.onRetry };
  for (const unit of work) {
    let current: { step: Step; index: number } | null = null;
    const run = async () => {
      for (const s of unit.steps) {
        current = s;
        options.onStep?.(s.step, s.index);
        await timeouts.enter(s.step);
        await db.exec(s.step.sql);
      }
    };
    try {
      await withLockRetries(retry, async () => {
        timeouts.forget();
        if (unit.transactional) await withTransaction(db, run);
        else await run();
      });
    } catch (e) {
      await timeouts.reset(plan.steps.some((s) => s.timeouts !== null)).catch(() => undefined);
      throw failure(plan, current, e, committed, unit.transactional);
    }
    applied += unit.steps.length;
    if (unit.transactional) chunks++;
    else outside += unit.steps.length;
    committed.push(
      unit.transactional
        ? `statements ${must(unit.steps[0], 'first step of a unit').index + 1}-${must(unit.steps.at(-1), 'last step of a unit').index + 1} (committed transaction)`
        : `statement${unit.steps.length > 1 ? 's' : ''} ${unit.steps.map((s) => s.index + 1).join(', ')} (outside the transaction)`,
    );
  }
  await timeouts.reset(plan.steps.some((s) => s.timeouts !== null));
  return { applied, chunks, outside, durationMs: Date.now() - started };
}

/** Checks every transaction against the lock budget: refuses, or with `chunked` splits it. */
async function fitLockBudget(db: Db, work: Unit[], options: ApplyOptions): Promise<Unit[]> {
  const budget = lockBudget(await readLockSettings(db), options.lockBudgetFraction ?? DEFAULT_LOCK_BUDGET_FRACTION);
  const out: Unit[] = [];
  for (const unit of work) {
    const estimate = unit.transactional ? estimateLocks(unit.steps.map((s) => s.step)) : 0;
    if (estimate <= budget) {
      out.push(unit);
      continue;
    }
    if (!options.chunked) {
      throw new SchemakitError(
        'apply',
        'lock-budget',
        `the migration transaction would take about ${estimate} locks, more than the budget of ${budget} ` +
          `(${Math.round((options.lockBudgetFraction ?? DEFAULT_LOCK_BUDGET_FRACTION) * 100)}% of max_locks_per_transaction × (max_connections + max_prepared_transactions)) ` +
          'and could fail with "out of shared memory"; nothing was applied. Raise max_locks_per_transaction (needs a restart) ' +
          'or apply in chunks with --chunked (each chunk commits; re-running the plan resumes after a failure).',
      );
    }
    const byStep = new Map(unit.steps.map((s) => [s.step, s]));
    for (const chunk of chunkByLocks(
      unit.steps.map((s) => s.step),
      budget,
    )) {
      out.push({ transactional: true, steps: chunk.map((s) => byStep.get(s)!) });
    }
  }
  return out;
}

function failure(plan: Plan, at: { step: Step; index: number } | null, cause: unknown, committed: readonly string[], inTransaction: boolean): SchemakitError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const where =
    at === null ? 'starting the transaction' : `statement ${at.index + 1} of ${plan.steps.length} (${at.step.object}): ${at.step.sql.split('\n')[0]}`;
  const rolled = inTransaction ? ' Its transaction was rolled back.' : '';
  const done =
    committed.length === 0 ? ' Nothing was applied.' : ` Already applied and committed before it: ${committed.join(', ')}; re-plan to continue from there.`;
  return new SchemakitError('apply', 'statement-failed', `${where} failed: ${reason}.${rolled}${done}`, { cause });
}
