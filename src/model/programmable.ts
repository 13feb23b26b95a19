import type { ColumnStorage, StorageParameter } from './table-shape';
/**
 * Programmable and derived objects of the model: views (plain and materialized), routines (functions and
 * procedures) and triggers. Like the rest of the model they are readonly plain data identified by
 * qualified names; SQL texts are as Postgres prints them with `search_path = ''`.
 */
import { nameKey } from './name-key';

/**
 * Something a view (or routine) reads, from pg_depend on its rewrite rule (or pg_proc entry): a relation, one of its columns, a type
 * (e.g. an enum a literal is cast to), a routine or a text search configuration (a `regconfig` constant, as
 * in `to_tsvector('english', …)`). Only objects of user schemas are listed. The planner
 * orders by these; they are never guessed from the view's text.
 */
export type Dependency =
  | { readonly kind: 'relation'; readonly schema: string; readonly name: string }
  | { readonly kind: 'column'; readonly schema: string; readonly table: string; readonly name: string }
  | { readonly kind: 'type'; readonly schema: string; readonly name: string }
  | { readonly kind: 'routine'; readonly schema: string; readonly name: string; readonly args: string }
  | { readonly kind: 'text-search-configuration'; readonly schema: string; readonly name: string };

/**
 * An object holding an expression of a table: a CHECK or EXCLUDE constraint, an index, a default, a generated
 * column, a policy; or a domain's CHECK constraint (`domain-check`) or default (`domain-default`).
 */
export type ExpressionOwner =
  | { readonly kind: 'constraint'; readonly schema: string; readonly table: string; readonly name: string }
  | { readonly kind: 'index'; readonly schema: string; readonly name: string }
  | { readonly kind: 'policy'; readonly schema: string; readonly table: string; readonly name: string }
  | { readonly kind: 'default' | 'generated'; readonly schema: string; readonly table: string; readonly column: string }
  | { readonly kind: 'domain-check'; readonly schema: string; readonly domain: string; readonly name: string }
  | { readonly kind: 'domain-default'; readonly schema: string; readonly domain: string };

/** What one expression owner reads (columns, types, routines of user schemas), sorted. */
export interface ExpressionUse {
  readonly owner: ExpressionOwner;
  readonly dependsOn: readonly Dependency[];
}

export type CheckOption = 'local' | 'cascaded';

/** One output column of a view (CREATE OR REPLACE VIEW may only append columns). */
export interface ViewColumn {
  readonly name: string;
  /** As `format_type()` prints it. */
  readonly type: string;
}

/** `COMMENT ON COLUMN view.column IS comment`: kept apart from `columns`, which only Postgres can fill in. */
export interface ViewColumnComment {
  readonly column: string;
  readonly comment: string;
}

/** What `ALTER [MATERIALIZED] VIEW … ALTER COLUMN` sets on an output column; each absent when not set. */
export interface ViewColumnSettings {
  readonly column: string;
  /** `SET DEFAULT expression` (plain views: what an INSERT through the view puts there), as `pg_get_expr` prints it. */
  readonly default?: string;
  /** `SET STATISTICS n` (materialized views). */
  readonly statistics?: number;
  /** `SET STORAGE s` when not the type's (materialized views). */
  readonly storage?: ColumnStorage;
}

/** `CREATE [MATERIALIZED] VIEW schema.name WITH (…) AS definition [WITH [CASCADED|LOCAL] CHECK OPTION | WITH [NO] DATA]`. */
export interface View {
  readonly kind: 'View';
  readonly schema: string;
  readonly name: string;
  readonly materialized: boolean;
  /** The query as `pg_get_viewdef` prints it (without the trailing `;`). */
  readonly definition: string;
  readonly columns: readonly ViewColumn[];
  /** `WITH CHECK OPTION` (plain views only), or null. */
  readonly checkOption: CheckOption | null;
  /** `security_barrier` (plain views only). */
  readonly securityBarrier: boolean;
  /** `security_invoker` (plain views, PostgreSQL 15+). */
  readonly securityInvoker: boolean;
  /** Materialized views: populated (`WITH DATA`); always true for plain views. */
  readonly withData: boolean;
  /** Materialized views: `WITH (fillfactor = …, autovacuum_… = …)`, sorted by name; [] for plain views (their options are the fields above). */
  readonly storageParameters: readonly StorageParameter[];
  /** What the view reads, sorted (see Dependency). */
  readonly dependsOn: readonly Dependency[];
  readonly comment: string | null;
  /** Comments on output columns, sorted by column name. */
  readonly columnComments: readonly ViewColumnComment[];
  /** Output columns' defaults, statistics targets and storage, sorted by column name; absent when none is set. */
  readonly columnSettings?: readonly ViewColumnSettings[];
}

export type Volatility = 'immutable' | 'stable' | 'volatile';
export type Parallel = 'safe' | 'restricted' | 'unsafe';

/**
 * `CREATE FUNCTION` / `CREATE PROCEDURE`. Identity is schema, name and the input argument types
 * (`proargtypes`, pg_proc's unique key with the name), as overloads share a name; argument names are not
 * part of it (renaming one is a drop and a create of the same identity).
 */
export interface Routine {
  readonly kind: 'Routine';
  readonly schema: string;
  readonly name: string;
  /** Input argument types, as `oidvectortypes(proargtypes)` prints them (`integer, text`): enough for DROP, ALTER, COMMENT. */
  readonly identityArgs: string;
  readonly procedure: boolean;
  /** The full argument list as `pg_get_function_arguments` prints it (modes, names, defaults). */
  readonly args: string;
  /** `pg_get_function_result` (`integer`, `SETOF text`, `TABLE(a integer)`, `trigger`); null for procedures. */
  readonly returns: string | null;
  readonly language: string;
  /** The body: `prosrc` for a quoted body (`AS $$…$$`), the deparsed `BEGIN ATOMIC … END` when `atomic`. */
  readonly body: string;
  readonly atomic: boolean;
  readonly volatility: Volatility;
  readonly strict: boolean;
  readonly securityDefiner: boolean;
  readonly leakproof: boolean;
  readonly parallel: Parallel;
  readonly cost: number;
  /** Estimated rows of a set-returning function, else null. */
  readonly rows: number | null;
  /** `SET name = value` clauses (`proconfig`, e.g. `search_path=""`), in order. */
  readonly config: readonly string[];
  /** Types of its arguments and result, and what a `BEGIN ATOMIC` body reads (pg_depend), sorted. */
  readonly dependsOn: readonly Dependency[];
  readonly comment: string | null;
}

export type TriggerTiming = 'before' | 'after' | 'instead-of';
export type TriggerEvent = 'insert' | 'update' | 'delete' | 'truncate';

/** `CREATE [CONSTRAINT] TRIGGER name timing events ON schema.table … EXECUTE FUNCTION fn(args)`. */
export interface Trigger {
  readonly kind: 'Trigger';
  readonly schema: string;
  /** The table or view the trigger is on. */
  readonly table: string;
  readonly name: string;
  readonly timing: TriggerTiming;
  /** In the canonical order insert, delete, update, truncate (as pg_get_triggerdef prints them). */
  readonly events: readonly TriggerEvent[];
  /** `UPDATE OF columns`. */
  readonly updateOf: readonly string[];
  readonly forEachRow: boolean;
  /** `WHEN (condition)` as pg_get_triggerdef prints it, or null. */
  readonly when: string | null;
  readonly functionSchema: string;
  readonly functionName: string;
  readonly args: readonly string[];
  /** `CREATE CONSTRAINT TRIGGER` (AFTER … FOR EACH ROW, may be deferrable). */
  readonly constraint: boolean;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  /**
   * Columns its UPDATE OF list and WHEN condition read, and the routines and types that condition uses (pg_depend):
   * none of them can change type or be dropped under it.
   */
  readonly dependsOn: readonly Dependency[];
  readonly comment: string | null;
  /** `tgenabled` when not `O` (fires in origin and local sessions, the default): `D` disabled, `R` replica only, `A` always. */
  readonly enabled?: 'D' | 'R' | 'A';
  /** `REFERENCING OLD TABLE AS name` (an AFTER trigger's transition relation, `tgoldtable`), when it has one. */
  readonly oldTable?: string;
  /** `REFERENCING NEW TABLE AS name` (`tgnewtable`), when it has one. */
  readonly newTable?: string;
}

/**
 * A rewrite rule other than a view's `_RETURN`: `CREATE RULE name AS ON event TO table [WHERE …] DO [ALSO |
 * INSTEAD] …`, kept whole as pg_get_ruledef prints it (schema-qualified, without the final `;`).
 */
export interface Rule {
  readonly kind: 'Rule';
  readonly schema: string;
  /** The table or view the rule is on. */
  readonly table: string;
  readonly name: string;
  readonly definition: string;
  /** What its condition and actions read (pg_depend): other relations, columns (its own table's too), functions, types. */
  readonly dependsOn: readonly Dependency[];
  readonly comment: string | null;
}

/** `CREATE EVENT TRIGGER name ON event [WHEN TAG IN (…)] EXECUTE FUNCTION fn()` (database-wide). */
export interface EventTrigger {
  readonly kind: 'EventTrigger';
  readonly name: string;
  readonly event: string;
  readonly tags: readonly string[];
  readonly functionSchema: string;
  readonly functionName: string;
  /** `tgenabled`: `O` origin (default), `D` disabled, `R` replica, `A` always. */
  readonly enabled: 'O' | 'D' | 'R' | 'A';
  readonly comment: string | null;
}

/** Key of a routine: `schema.name(identity args)`. */
export const routineKey = (r: Pick<Routine, 'schema' | 'name' | 'identityArgs'>): string => `${nameKey(r.schema, r.name)}(${r.identityArgs})`;
/** Key of a view: `schema.name` (views share the relation name space). */
export const viewKey = (v: Pick<View, 'schema' | 'name'>): string => nameKey(v.schema, v.name);
/** Trigger names are unique per table. */
export const triggerKey = (t: Pick<Trigger, 'schema' | 'table' | 'name'>): string => nameKey(t.schema, t.table, t.name);
/** Rule names are unique per table. */
export const ruleKey = (r: Pick<Rule, 'schema' | 'table' | 'name'>): string => nameKey(r.schema, r.table, r.name);
export const eventTriggerKey = (t: Pick<EventTrigger, 'name'>): string => t.name;
