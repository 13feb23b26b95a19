import type { Change } from '../diff';

/** Hazard kinds, set where the SQL is built (never guessed from SQL text). User-facing: kebab-case. */
export type HazardKind =
  | 'deletes-data'
  | 'table-rewrite'
  | 'access-exclusive-lock'
  | 'index-build'
  | 'may-fail-on-data'
  | 'irreversible';

export const hazardKinds: readonly HazardKind[] = ['deletes-data', 'table-rewrite', 'access-exclusive-lock', 'index-build', 'may-fail-on-data', 'irreversible'];

export interface Hazard {
  readonly kind: HazardKind;
  readonly message: string;
}

/** One SQL statement of a plan with its reverse. */
export interface Step {
  /** The statement, without trailing semicolon. */
  readonly sql: string;
  /** The statement that undoes it, or null with `irreversible` saying why. */
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
}

/** An ordered list of steps. `down` is the reverses in reverse order. */
export interface Plan {
  readonly steps: readonly Step[];
}
