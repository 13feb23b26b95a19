import { qualified } from '../sql';
import { captureLocation, type Location } from './location';
import { schemaName, type SchemaDecl } from './schema';
import { Sql, type SqlEmbeddable } from './sql-fragment';

/** One enum value with options, made by `value()`. */
export interface EnumValue<N extends string = string> {
  readonly kind: 'EnumValue';
  readonly name: N;
  readonly renamedFrom: string | null;
}

/** Options of an enum value. */
export interface EnumValueOptions {
  /** The value's previous label: the change becomes `ALTER TYPE … RENAME VALUE` (PG 10+). */
  readonly renamedFrom?: string;
}

/** An enum value with options: `enumType(s, 'x', ['a', value('b', { renamedFrom: 'old_b' })])`. */
export function value<const N extends string>(name: N, options: EnumValueOptions = {}): EnumValue<N> {
  return Object.freeze({ kind: 'EnumValue', name, renamedFrom: options.renamedFrom ?? null });
}

/** The label of an enum value spec. */
export type EnumValueName<V> = V extends EnumValue<infer N> ? N : V extends string ? V : never;

/** A declared enum type; use it in columns with `c.enum(e)`. `V` is the union of its labels. */
export class EnumDecl<V extends string = string> implements SqlEmbeddable {
  readonly kind = 'EnumDecl' as const;
  constructor(
    readonly schema: string,
    readonly name: string,
    readonly values: readonly V[],
    /** Internal: declaration details. */
    readonly details: {
      readonly schemaDecl: SchemaDecl | null;
      readonly comment: string | null;
      readonly renamedFrom: string | null;
      readonly valueRenames: readonly { readonly from: string; readonly to: string }[];
      readonly remap: Readonly<Record<string, string>>;
      readonly location: Location | null;
    },
  ) {
    Object.freeze(this);
  }
  toSqlFragment(): Sql {
    return new Sql(qualified(this.schema, this.name));
  }
}

/** Options of `enumType()`. */
export interface EnumOptions<V extends string = string> {
  readonly comment?: string;
  /** The enum's previous name: the change becomes `ALTER TYPE … RENAME TO`. */
  readonly renamedFrom?: string;
  /**
   * Where the rows holding removed values go: `{ archived: 'inactive' }`. Removing or reordering values
   * recreates the type and converts its columns; a removed value without a remap makes the plan `deletes-data`.
   */
  readonly remap?: Readonly<Record<string, V>>;
}

/**
 * Declares an enum type. Labels are inferred as literal types, so `c.enum(tier).default('free')` is
 * checked by the compiler.
 */
export function enumType<const Vs extends readonly (string | EnumValue)[]>(
  schema: SchemaDecl | string,
  name: string,
  values: Vs,
  options: EnumOptions<EnumValueName<Vs[number]>> = {},
): EnumDecl<EnumValueName<Vs[number]>> {
  const names = values.map((v) => (typeof v === 'string' ? v : v.name)) as EnumValueName<Vs[number]>[];
  const valueRenames = values.flatMap((v) => (typeof v !== 'string' && v.renamedFrom !== null ? [{ from: v.renamedFrom, to: v.name }] : []));
  return new EnumDecl(schemaName(schema), name, Object.freeze(names), {
    schemaDecl: typeof schema === 'string' ? null : schema,
    comment: options.comment ?? null,
    renamedFrom: options.renamedFrom ?? null,
    valueRenames,
    remap: Object.freeze({ ...(options.remap ?? {}) }),
    location: captureLocation(),
  });
}
