/**
 * Range types (`CREATE TYPE … AS RANGE`, issue 9) and the multirange type Postgres creates with each.
 * Same conventions as type-objects.ts: identity by schema and name, absent facts null.
 */

/** `CREATE TYPE schema.name AS RANGE (SUBTYPE = …, …, MULTIRANGE_TYPE_NAME = …)`. */
export interface RangeType {
  readonly kind: 'RangeType';
  readonly schema: string;
  readonly name: string;
  /** As `format_type()` prints it. */
  readonly subtype: string;
  /** `SUBTYPE_OPCLASS` when it is not the subtype's default btree class (qualified unless pg_catalog), else null. */
  readonly subtypeOpclass: string | null;
  /** `COLLATION` when it differs from the subtype's own, as a ready SQL name, else null. */
  readonly collation: string | null;
  /** `CANONICAL` function (as regproc prints it), or null. */
  readonly canonical: string | null;
  /** `SUBTYPE_DIFF` function (as regproc prints it), or null. */
  readonly subtypeDiff: string | null;
  /** The multirange type's schema (the range's unless MULTIRANGE_TYPE_NAME names another) and name. */
  readonly multirangeSchema: string;
  readonly multirangeName: string;
  readonly comment: string | null;
}

/**
 * The multirange name Postgres derives when none is given (PostgreSQL 14+): the first `range` in the name
 * becomes `multirange`, or `_multirange` is appended.
 */
export const defaultMultirangeName = (rangeName: string): string =>
  rangeName.includes('range') ? rangeName.replace('range', 'multirange') : `${rangeName}_multirange`;

/**
 * The functions Postgres creates with a range type, as [schema, name, identity arguments]: the range's constructors
 * (two bounds, and with the bounds' inclusivity as text) and the multirange's (none, one range, VARIADIC ranges).
 * Views and routines calling them name them in pg_depend; they come and go with the type.
 */
export function rangeConstructors(
  r: Pick<RangeType, 'schema' | 'name' | 'subtype' | 'multirangeSchema' | 'multirangeName'>,
  rangeSql: string,
): [string, string, string][] {
  const two = `${r.subtype}, ${r.subtype}`;
  const m = r.multirangeSchema;
  return [
    [r.schema, r.name, two],
    [r.schema, r.name, `${two}, text`],
    [m, r.multirangeName, ''],
    [m, r.multirangeName, rangeSql],
    [m, r.multirangeName, `${rangeSql}[]`],
  ];
}
