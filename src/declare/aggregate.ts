import { defaultFinalModify, type Aggregate, type AggregateFinal, type AggregateKind, type Dependency, type FinalModify, type Parallel } from '../model';
import { qualified } from '../sql';
import { captureLocation, type Location } from './location';
import { RoutineDecl } from './routine';
import { schemaName, type SchemaDecl } from './schema';
import type { SqlEmbeddable } from './sql-fragment';

/** A support function: a declared function, or its name as SQL (`public.add2`, `int4pl`). */
export type AggregateFunction = string | RoutineDecl;
/** A type as SQL text or a declared type. */
type TypeSpec = string | SqlEmbeddable;

/** The moving-aggregate mode (`MSFUNC`, `MINVFUNC`, `MSTYPE`, …). */
export interface MovingAggregateOptions {
  readonly sfunc: AggregateFunction;
  readonly invfunc: AggregateFunction;
  readonly stype: TypeSpec;
  readonly sspace?: number;
  readonly finalfunc?: AggregateFunction;
  readonly finalfuncExtra?: boolean;
  readonly finalfuncModify?: FinalModify;
  readonly initcond?: string;
}

/** Options of `aggregate()`: the arguments and `CREATE AGGREGATE`'s options. */
export interface AggregateOptions {
  /** Input argument types (`['integer']`); none: `*`. For an ordered-set aggregate, its direct arguments. */
  readonly args?: readonly TypeSpec[];
  /** The aggregated arguments of an ordered-set aggregate (`… ORDER BY …`). */
  readonly orderBy?: readonly TypeSpec[];
  /** A hypothetical-set aggregate (ordered-set only). */
  readonly hypothetical?: boolean;
  readonly sfunc: AggregateFunction;
  readonly stype: TypeSpec;
  readonly sspace?: number;
  readonly finalfunc?: AggregateFunction;
  readonly finalfuncExtra?: boolean;
  readonly finalfuncModify?: FinalModify;
  readonly combinefunc?: AggregateFunction;
  readonly serialfunc?: AggregateFunction;
  readonly deserialfunc?: AggregateFunction;
  /** The initial state, as its text form. */
  readonly initcond?: string;
  readonly moving?: MovingAggregateOptions;
  /** `SORTOP`: `<` or `>` (a MIN or MAX-like aggregate). */
  readonly sortop?: string;
  readonly parallel?: Parallel;
  readonly comment?: string;
  /** The aggregate's previous name in the same schema (same arguments): `ALTER AGGREGATE … RENAME TO`. */
  readonly renamedFrom?: string;
}

/** A declared aggregate; call it in views and routines by its qualified name. */
export class AggregateDecl {
  readonly kind = 'AggregateDecl' as const;
  constructor(
    readonly schema: string,
    readonly name: string,
    readonly schemaDecl: SchemaDecl | null,
    readonly options: AggregateOptions,
    readonly location: Location | null,
  ) {
    Object.freeze(this);
  }
  /** The declared functions it is made of (collected with it). */
  functions(): RoutineDecl[] {
    const o = this.options;
    return [o.sfunc, o.finalfunc, o.combinefunc, o.serialfunc, o.deserialfunc, o.moving?.sfunc, o.moving?.invfunc, o.moving?.finalfunc].filter(
      (f): f is RoutineDecl => f instanceof RoutineDecl,
    );
  }
}

/**
 * Declares an aggregate: `aggregate(app, 'total', { args: ['integer'], sfunc: add, stype: 'integer', initcond: '0' })`;
 * ordered-set: `{ args: ['double precision'], orderBy: ['anyelement'], … }`.
 */
export function aggregate(schema: SchemaDecl | string, name: string, options: AggregateOptions): AggregateDecl {
  return new AggregateDecl(schemaName(schema), name, typeof schema === 'string' ? null : schema, options, captureLocation());
}

const typeText = (t: TypeSpec): string => (typeof t === 'string' ? t : t.toSqlFragment().text);
const fnText = (f: AggregateFunction): string => (typeof f === 'string' ? f : qualified(f.schema, f.name));
const optFn = (f: AggregateFunction | undefined): string | null => (f === undefined ? null : fnText(f));
const final = (f: AggregateFunction | undefined, extra: boolean | undefined, modify: FinalModify | undefined, kind: AggregateKind): AggregateFinal | null =>
  f === undefined ? null : { function: fnText(f), extra: extra ?? false, modify: modify ?? defaultFinalModify(kind) };

/** The model of a declared aggregate; its declared support functions are what it depends on (for ordering). */
export function toAggregate(d: AggregateDecl): Aggregate {
  const o = d.options;
  const direct = (o.args ?? []).map(typeText);
  const ordered = o.orderBy?.map(typeText) ?? null;
  const aggregateKind: AggregateKind = ordered === null ? 'normal' : o.hypothetical ? 'hypothetical' : 'ordered-set';
  const args =
    ordered === null ? (direct.length === 0 ? '*' : direct.join(', ')) : `${direct.join(', ')}${direct.length > 0 ? ' ' : ''}ORDER BY ${ordered.join(', ')}`;
  const dependsOn: Dependency[] = d.functions().map((f) => ({ kind: 'routine' as const, schema: f.schema, name: f.name, args: f.details.identityArgs }));
  const m = o.moving;
  return {
    kind: 'Aggregate',
    schema: d.schema,
    name: d.name,
    identityArgs: [...direct, ...(ordered ?? [])].join(', '),
    args,
    aggregateKind,
    sfunc: fnText(o.sfunc),
    stype: typeText(o.stype),
    sspace: o.sspace ?? 0,
    final: final(o.finalfunc, o.finalfuncExtra, o.finalfuncModify, aggregateKind),
    combinefunc: optFn(o.combinefunc),
    serialfunc: optFn(o.serialfunc),
    deserialfunc: optFn(o.deserialfunc),
    initcond: o.initcond ?? null,
    moving:
      m === undefined
        ? null
        : {
            sfunc: fnText(m.sfunc),
            invfunc: fnText(m.invfunc),
            stype: typeText(m.stype),
            sspace: m.sspace ?? 0,
            final: final(m.finalfunc, m.finalfuncExtra, m.finalfuncModify, aggregateKind),
            initcond: m.initcond ?? null,
          },
    sortop: o.sortop ?? null,
    parallel: o.parallel ?? 'unsafe',
    dependsOn,
    comment: o.comment ?? null,
  };
}
