import type { ChangeKind } from '../diff';
import type { Plan } from './types';

/** Changes whose statements (forward or reverse) create a routine. */
const createsRoutines: readonly ChangeKind[] = ['CreateRoutine', 'ReplaceRoutine', 'DropRoutine'];

/**
 * Session settings a plan's statements (and their reverses) must run under. With routines,
 * `check_function_bodies = off` (as pg_dump does): a SQL function's body is otherwise checked at creation
 * and may name tables, views or other functions that the plan creates later (or that form a cycle).
 */
export function planPreamble(plan: Plan): string[] {
  return plan.steps.some((s) => createsRoutines.includes(s.change.kind)) ? ['SET check_function_bodies = off'] : [];
}
