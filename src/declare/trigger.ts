import type { EventTrigger, TriggerEvent, TriggerTiming } from '../model';
import { ColumnRef } from './column-ref';
import { captureLocation, type Location } from './location';
import type { RoutineDecl } from './routine';
import type { Sql } from './sql-fragment';
import type { AnyTableDecl } from './table';
import type { ViewDecl } from './view';

/**
 * A function the declarations do not define, by schema and name: a built-in one or one an extension
 * installs, e.g. `{ schema: 'pg_catalog', name: 'tsvector_update_trigger' }` (Postgres's full-text trigger).
 */
export interface RoutineRef {
  readonly schema: string;
  readonly name: string;
}

/** Options of `trigger()`. */
export interface TriggerOptions {
  readonly timing: TriggerTiming;
  readonly events: readonly TriggerEvent[];
  /** `UPDATE OF` columns. */
  readonly updateOf?: readonly (ColumnRef | string)[];
  readonly forEach: 'row' | 'statement';
  /** `WHEN (condition)`, e.g. `sql\`OLD.* IS DISTINCT FROM NEW.*\``. */
  readonly when?: Sql;
  /** The trigger function (`returns: 'trigger'`, no arguments): a declared one, or a built-in or extension one by name. */
  readonly function: RoutineDecl | RoutineRef;
  /** Arguments passed to the function (`TG_ARGV`). */
  readonly args?: readonly string[];
  /** `CREATE CONSTRAINT TRIGGER` (AFTER … FOR EACH ROW), optionally deferrable. */
  readonly constraint?: boolean;
  readonly deferrable?: boolean;
  readonly initiallyDeferred?: boolean;
  /** `D` disabled (`ALTER TABLE … DISABLE TRIGGER`), `R` replica only, `A` always (default `O`: enabled). */
  readonly enabled?: 'O' | 'D' | 'R' | 'A';
  /** `REFERENCING OLD TABLE AS old NEW TABLE AS new`: the transition relations an AFTER trigger reads. */
  readonly referencing?: { readonly oldTable?: string; readonly newTable?: string };
  readonly comment?: string;
  /** The trigger's previous name: the change becomes `ALTER TRIGGER … RENAME TO`. */
  readonly renamedFrom?: string;
}

/** A declared trigger on a table or view (internal data read by collectDeclarations). */
export class TriggerDecl {
  readonly kind = 'TriggerDecl' as const;
  constructor(
    readonly on: AnyTableDecl | ViewDecl,
    readonly name: string,
    readonly options: TriggerOptions,
    readonly location: Location | null,
  ) {
    Object.freeze(this);
  }
  /** The `UPDATE OF` column names. */
  updateOfNames(): string[] {
    return (this.options.updateOf ?? []).map((c) => (c instanceof ColumnRef ? c.name : c));
  }
}

/**
 * Declares a trigger: `trigger(users, 'users_touch', { timing: 'before', events: ['update'], forEach: 'row',
 * function: updateUpdatedAt })`.
 */
export function trigger(on: AnyTableDecl | ViewDecl, name: string, options: TriggerOptions): TriggerDecl {
  return new TriggerDecl(on, name, options, captureLocation());
}

/** Options of `eventTrigger()`. */
export interface EventTriggerOptions {
  /** `ddl_command_start`, `ddl_command_end`, `sql_drop`, `table_rewrite` (or `login`, PostgreSQL 17+). */
  readonly event: string;
  /** `WHEN TAG IN (…)`, e.g. `['CREATE TABLE']`. */
  readonly tags?: readonly string[];
  /** The function (`returns: 'event_trigger'`): a declared one, or an extension's by name. */
  readonly function: RoutineDecl | RoutineRef;
  /** Default `O` (enabled). */
  readonly enabled?: EventTrigger['enabled'];
  readonly comment?: string;
}

/** A declared event trigger (database-wide). */
export class EventTriggerDecl {
  readonly kind = 'EventTriggerDecl' as const;
  constructor(
    readonly name: string,
    readonly options: EventTriggerOptions,
    readonly location: Location | null,
  ) {
    Object.freeze(this);
  }
}

/** Declares an event trigger: `eventTrigger('log_ddl', { event: 'ddl_command_end', function: logDdl })`. */
export function eventTrigger(name: string, options: EventTriggerOptions): EventTriggerDecl {
  return new EventTriggerDecl(name, options, captureLocation());
}
