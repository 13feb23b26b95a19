import { defaultMultirangeName, type RangeType } from '../model';
import { qualified } from './quote';

/** `CREATE TYPE s.name AS RANGE (SUBTYPE = …[, SUBTYPE_OPCLASS, COLLATION, CANONICAL, SUBTYPE_DIFF, MULTIRANGE_TYPE_NAME])`. */
export function createRangeTypeSql(r: RangeType): string {
  const opts = [`SUBTYPE = ${r.subtype}`];
  if (r.subtypeOpclass !== null) opts.push(`SUBTYPE_OPCLASS = ${r.subtypeOpclass}`);
  if (r.collation !== null) opts.push(`COLLATION = ${r.collation}`);
  if (r.canonical !== null) opts.push(`CANONICAL = ${r.canonical}`);
  if (r.subtypeDiff !== null) opts.push(`SUBTYPE_DIFF = ${r.subtypeDiff}`);
  if (r.multirangeName !== defaultMultirangeName(r.name) || r.multirangeSchema !== r.schema)
    opts.push(`MULTIRANGE_TYPE_NAME = ${qualified(r.multirangeSchema, r.multirangeName)}`);
  return `CREATE TYPE ${qualified(r.schema, r.name)} AS RANGE (${opts.join(', ')})`;
}

/** `DROP TYPE s.name` (its multirange type goes with it). */
export function dropRangeTypeSql(r: Pick<RangeType, 'schema' | 'name'>): string {
  return `DROP TYPE ${qualified(r.schema, r.name)}`;
}
