import type { IndexMethod } from '../model';
import { STATE } from './builder';
import type { IndexKeySpec } from './column-ref';
import { base, KeyBuilder, type ColumnSpec, type ConstraintState } from './constraints';
import type { Sql } from './sql-fragment';

/** One element of an exclusion constraint: a column or expression key, and the operator compared with. */
export type ExclusionElementSpec = readonly [key: IndexKeySpec, operator: string];

/** State of an exclusion constraint declaration. */
export interface ExclusionState extends ConstraintState {
  readonly elements: readonly ExclusionElementSpec[];
  readonly method: IndexMethod;
  readonly include: readonly ColumnSpec[];
  readonly where: Sql | null;
}

/** `EXCLUDE USING method (key WITH operator, …)`: no two rows may match on every element. */
export class ExclusionBuilder extends KeyBuilder<ExclusionState> {
  /** Access method of the index behind it: `gist` (default) or another supporting the operators. */
  using(method: IndexMethod): ExclusionBuilder {
    return this.with({ method });
  }
  /** INCLUDE (columns): non-key payload of the index (PG 12+ for gist). */
  include(...columns: ColumnSpec[]): ExclusionBuilder {
    return this.with({ include: [...this[STATE].include, ...columns] });
  }
  /** WHERE (predicate): the constraint applies to matching rows only. */
  where(predicate: Sql): ExclusionBuilder {
    return this.with({ where: predicate });
  }
}

/**
 * An exclusion constraint: `exclude([t.room, '='], [t.during, '&&'])`, or named
 * `exclude('no_overlap', [t.room, '='], [t.during, '&&'])`. Uses gist unless told (`.using('btree')`).
 */
export function exclude(...elements: ExclusionElementSpec[]): ExclusionBuilder;
export function exclude(name: string, ...elements: ExclusionElementSpec[]): ExclusionBuilder;
export function exclude(...args: unknown[]): ExclusionBuilder {
  const name = typeof args[0] === 'string' ? (args.shift() as string) : null;
  return new ExclusionBuilder({ ...base(name), elements: args as ExclusionElementSpec[], method: 'gist', include: [], where: null });
}
