/**
 * User-defined aggregates (`CREATE AGGREGATE`, issue 9). Same conventions as types.ts: readonly plain data,
 * identity by schema, name and input argument types (like routines, so that a view's pg_depend entry on the
 * aggregate names the same key), SQL texts as Postgres prints them with `search_path = ''`.
 */
import { nameKey } from './name-key';
import type { Dependency, Parallel } from './programmable';

/** `normal`, or an ordered-set aggregate (`… ORDER BY …` arguments), `hypothetical` being a kind of those. */
export type AggregateKind = 'normal' | 'ordered-set' | 'hypothetical';

/** `FINALFUNC_MODIFY`: whether the final function leaves the state usable. */
export type FinalModify = 'read-only' | 'shareable' | 'read-write';

/** A final function (`FINALFUNC`, `FINALFUNC_EXTRA`, `FINALFUNC_MODIFY`). */
export interface AggregateFinal {
  /** As regproc prints it: schema-qualified unless pg_catalog. */
  readonly function: string;
  readonly extra: boolean;
  readonly modify: FinalModify;
}

/** The moving-aggregate mode (`MSFUNC`, `MINVFUNC`, `MSTYPE`, …), used by window frames that move. */
export interface MovingAggregate {
  readonly sfunc: string;
  readonly invfunc: string;
  readonly stype: string;
  readonly sspace: number;
  readonly final: AggregateFinal | null;
  readonly initcond: string | null;
}

/** `CREATE AGGREGATE schema.name (args) (SFUNC = …, STYPE = …, …)`. */
export interface Aggregate {
  readonly kind: 'Aggregate';
  readonly schema: string;
  readonly name: string;
  /** The input argument types (`oidvectortypes`), the identity with schema and name. */
  readonly identityArgs: string;
  /** The arguments as CREATE, DROP and COMMENT take them: `integer`, `double precision ORDER BY double precision`, `*` for none. */
  readonly args: string;
  readonly aggregateKind: AggregateKind;
  /** State transition function, as regproc prints it. */
  readonly sfunc: string;
  /** State type as `format_type()` prints it. */
  readonly stype: string;
  /** `SSPACE`: the state's average size in bytes, 0 when unset. */
  readonly sspace: number;
  readonly final: AggregateFinal | null;
  readonly combinefunc: string | null;
  readonly serialfunc: string | null;
  readonly deserialfunc: string | null;
  readonly initcond: string | null;
  readonly moving: MovingAggregate | null;
  /** `SORTOP` (an operator such as `<`, `>`; schema-qualified as `OPERATOR(s.<)` when not pg_catalog's), or null. */
  readonly sortop: string | null;
  readonly parallel: Parallel;
  /** The support functions and types of user schemas it uses (pg_depend), sorted. */
  readonly dependsOn: readonly Dependency[];
  readonly comment: string | null;
}

/** Key of an aggregate: `schema.name(argument types)`, like a routine's (they share pg_proc). */
export const aggregateKey = (a: Pick<Aggregate, 'schema' | 'name' | 'identityArgs'>): string => `${nameKey(a.schema, a.name)}(${a.identityArgs})`;

/** The default FINALFUNC_MODIFY: READ_ONLY for normal aggregates, READ_WRITE for ordered-set ones. */
export const defaultFinalModify = (k: AggregateKind): FinalModify => (k === 'normal' ? 'read-only' : 'read-write');
