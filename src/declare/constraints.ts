import type { FkAction, FkMatch } from '../model';
import { Builder, STATE } from './builder';
import type { ColumnRef } from './column-ref';
import { captureLocation, type Location } from './location';
import type { Sql } from './sql-fragment';
import type { AnyTableDecl } from './table';

/** A column given by reference (`t.a`) or by name (`'a'`). */
export type ColumnSpec = ColumnRef | string;

/** The name of a column spec. */
export const columnName = (c: ColumnSpec): string => (typeof c === 'string' ? c : c.name);

export interface ConstraintState {
  readonly name: string | null;
  readonly comment: string | null;
  /** COMMENT ON INDEX of the index that backs a key (PRIMARY KEY, UNIQUE, EXCLUDE); null on the other kinds. */
  readonly indexComment: string | null;
  readonly renamedFrom: string | null;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly location: Location | null;
}

export const base = (name: string | null): ConstraintState => ({
  name,
  comment: null,
  indexComment: null,
  renamedFrom: null,
  deferrable: false,
  initiallyDeferred: false,
  location: captureLocation(),
});

/** Methods every constraint builder has: name, comment, rename intent. */
abstract class ConstraintBuilder<S extends ConstraintState> extends Builder<S> {
  /** Names the constraint (else Postgres's implicit name is used). */
  named(name: string): this {
    return this.with({ name } as Partial<S>);
  }
  /** COMMENT ON CONSTRAINT. */
  comment(text: string): this {
    return this.with({ comment: text } as Partial<S>);
  }
  /** The constraint's previous name: the change becomes `ALTER TABLE … RENAME CONSTRAINT`. */
  renamedFrom(oldName: string): this {
    return this.with({ renamedFrom: oldName } as Partial<S>);
  }
}

/** Methods of constraints that may be deferred (primary key, unique, foreign key). */
export abstract class DeferrableBuilder<S extends ConstraintState> extends ConstraintBuilder<S> {
  /** DEFERRABLE [INITIALLY DEFERRED]: checked at commit when deferred. */
  deferrable(options: { readonly initiallyDeferred?: boolean } = {}): this {
    return this.with({ deferrable: true, initiallyDeferred: options.initiallyDeferred ?? false } as Partial<S>);
  }
  /** DEFERRABLE INITIALLY DEFERRED. */
  initiallyDeferred(): this {
    return this.with({ deferrable: true, initiallyDeferred: true } as Partial<S>);
  }
}

/** Methods of keys, which an index backs (primary key, unique, exclusion). */
export abstract class KeyBuilder<S extends ConstraintState> extends DeferrableBuilder<S> {
  /** COMMENT ON INDEX of the index behind the key (named as the key), apart from the constraint's own comment. */
  indexComment(text: string): this {
    return this.with({ indexComment: text } as Partial<S>);
  }
}

function parseArgs(args: readonly unknown[]): { name: string | null; columns: ColumnSpec[] } {
  if (typeof args[0] === 'string' && Array.isArray(args[1])) return { name: args[0], columns: [...args[1]] };
  if (Array.isArray(args[0])) return { name: null, columns: [...args[0]] };
  return { name: null, columns: args as ColumnSpec[] };
}

/** State of a primary key declaration. */
export interface PrimaryKeyState extends ConstraintState {
  readonly columns: readonly ColumnSpec[];
  readonly withoutOverlaps: boolean;
  /** INCLUDE (columns): non-key columns stored in the key's index. */
  readonly include: readonly ColumnSpec[];
}

/** A table-level PRIMARY KEY. */
export class PrimaryKeyBuilder extends KeyBuilder<PrimaryKeyState> {
  /** INCLUDE (columns): non-key columns stored in the key's index (index-only scans read them). */
  include(...columns: ColumnSpec[]): PrimaryKeyBuilder {
    return this.with({ include: [...this[STATE].include, ...columns] });
  }
  /** `(…, last WITHOUT OVERLAPS)` (PostgreSQL 18+): the last column is a range no two rows with equal other columns may overlap on. */
  withoutOverlaps(): PrimaryKeyBuilder {
    return this.with({ withoutOverlaps: true });
  }
}

/** PRIMARY KEY over columns: `primaryKey(t.a, t.b)`, `primaryKey([t.a, t.b])`, `primaryKey('pk_x', ['a', 'b'])`. */
export function primaryKey(...columns: ColumnRef[]): PrimaryKeyBuilder;
export function primaryKey(columns: readonly ColumnSpec[]): PrimaryKeyBuilder;
export function primaryKey(name: string, columns: readonly ColumnSpec[]): PrimaryKeyBuilder;
export function primaryKey(...args: unknown[]): PrimaryKeyBuilder {
  const { name, columns } = parseArgs(args);
  return new PrimaryKeyBuilder({ ...base(name), columns, withoutOverlaps: false, include: [] });
}

/** State of a unique constraint declaration. */
export interface UniqueState extends ConstraintState {
  readonly columns: readonly ColumnSpec[];
  readonly nullsNotDistinct: boolean;
  readonly withoutOverlaps: boolean;
  /** INCLUDE (columns), as on PrimaryKeyState. */
  readonly include: readonly ColumnSpec[];
}

/** A table-level UNIQUE constraint. */
export class UniqueBuilder extends KeyBuilder<UniqueState> {
  /** INCLUDE (columns): non-key columns stored in the key's index (index-only scans read them). */
  include(...columns: ColumnSpec[]): UniqueBuilder {
    return this.with({ include: [...this[STATE].include, ...columns] });
  }
  /** NULLS NOT DISTINCT (PG 15+): rows with NULLs in the key count as equal. */
  nullsNotDistinct(): UniqueBuilder {
    return this.with({ nullsNotDistinct: true });
  }
  /** `(…, last WITHOUT OVERLAPS)` (PostgreSQL 18+), as on primaryKey. */
  withoutOverlaps(): UniqueBuilder {
    return this.with({ withoutOverlaps: true });
  }
}

/** UNIQUE over columns: `unique([t.a, t.b])` or `unique('uq_name', [t.a])`. */
export function unique(columns: readonly ColumnSpec[]): UniqueBuilder;
export function unique(name: string, columns: readonly ColumnSpec[]): UniqueBuilder;
export function unique(...args: unknown[]): UniqueBuilder {
  const { name, columns } = parseArgs(args);
  return new UniqueBuilder({ ...base(name), columns, nullsNotDistinct: false, withoutOverlaps: false, include: [] });
}

/** State of a check constraint declaration. */
export interface CheckState extends ConstraintState {
  readonly expression: Sql;
  readonly noInherit: boolean;
  readonly notValid: boolean;
}

/** A CHECK constraint. */
export class CheckBuilder extends ConstraintBuilder<CheckState> {
  /** NO INHERIT: the check does not apply to child tables. */
  noInherit(): CheckBuilder {
    return this.with({ noInherit: true });
  }
  /** NOT VALID: added without checking the existing rows (only new and updated rows are checked). */
  notValid(): CheckBuilder {
    return this.with({ notValid: true });
  }
}

/** CHECK (expression): `check('valid_priority', sql\`${t.priority} BETWEEN 1 AND 10\`)` or unnamed `check(sql\`…\`)`. */
export function check(expression: Sql): CheckBuilder;
export function check(name: string, expression: Sql): CheckBuilder;
export function check(a: string | Sql, b?: Sql): CheckBuilder {
  const named = typeof a === 'string';
  return new CheckBuilder({ ...base(named ? a : null), expression: named ? (b as Sql) : a, noInherit: false, notValid: false });
}

/** What a foreign key points at, returned lazily so declarations may be in any order (and cyclic). */
export type ReferenceTarget = AnyTableDecl | ColumnRef | readonly ColumnRef[];

/** State of a foreign key declaration. */
export interface ForeignKeyState extends ConstraintState {
  readonly columns: readonly ColumnSpec[];
  readonly target: (() => ReferenceTarget) | null;
  readonly targetColumns: readonly string[] | null;
  readonly onDelete: FkAction;
  readonly onUpdate: FkAction;
  readonly match: FkMatch;
  readonly notValid: boolean;
  readonly enforced: boolean;
  readonly period: boolean;
}

/** A table-level FOREIGN KEY. */
export class ForeignKeyBuilder extends DeferrableBuilder<ForeignKeyState> {
  /**
   * REFERENCES: `() => table` (its primary key, or the named columns) or `() => [other.columns.x, …]`.
   * The function is called when declarations are collected, so the target may be declared later.
   */
  references<T extends AnyTableDecl>(target: () => T, columns?: readonly (keyof T['columns'] & string)[]): ForeignKeyBuilder;
  references(target: () => ColumnRef | readonly ColumnRef[]): ForeignKeyBuilder;
  references(target: () => ReferenceTarget, columns?: readonly string[]): ForeignKeyBuilder {
    return this.with({ target, targetColumns: columns ?? null });
  }
  /** ON DELETE action. */
  onDelete(action: FkAction): ForeignKeyBuilder {
    return this.with({ onDelete: action });
  }
  /** ON UPDATE action. */
  onUpdate(action: FkAction): ForeignKeyBuilder {
    return this.with({ onUpdate: action });
  }
  /** MATCH FULL (all columns null, or none) or SIMPLE (the default). */
  match(match: FkMatch): ForeignKeyBuilder {
    return this.with({ match });
  }
  /** NOT VALID: added without checking the existing rows (only new and updated rows are checked). */
  notValid(): ForeignKeyBuilder {
    return this.with({ notValid: true });
  }
  /**
   * `enforced(false)`: a logical relationship the database does not enforce (no constraint is created
   * or planned); `schemakit check` counts its orphans.
   */
  enforced(enforced: boolean): ForeignKeyBuilder {
    return this.with({ enforced });
  }
  /**
   * `(…, PERIOD last) REFERENCES t (…, PERIOD last)` (PostgreSQL 18+): a temporal foreign key, the last
   * columns of both sides are ranges and the referenced ones must cover the referencing one.
   */
  period(): ForeignKeyBuilder {
    return this.with({ period: true });
  }
}

/** FOREIGN KEY (columns): `foreignKey([t.a, t.b]).references(() => other, ['x', 'y'])`. */
export function foreignKey(columns: readonly ColumnSpec[]): ForeignKeyBuilder;
export function foreignKey(name: string, columns: readonly ColumnSpec[]): ForeignKeyBuilder;
export function foreignKey(...args: unknown[]): ForeignKeyBuilder {
  const { name, columns } = parseArgs(args);
  return new ForeignKeyBuilder({
    ...base(name),
    columns,
    target: null,
    targetColumns: null,
    onDelete: 'no-action',
    onUpdate: 'no-action',
    match: 'simple',
    notValid: false,
    enforced: true,
    period: false,
  });
}
