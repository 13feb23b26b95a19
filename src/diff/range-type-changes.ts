import type { RangeType } from '../model';
import type { TypeColumn, TypeRef } from './type-object-changes';

/** `CREATE TYPE … AS RANGE` (with its multirange type). */
export interface CreateRangeType {
  readonly kind: 'CreateRangeType';
  readonly rangeType: RangeType;
}
/** `DROP TYPE` of a range type; a changed one (ranges cannot be altered) is dropped and created again. */
export interface DropRangeType {
  readonly kind: 'DropRangeType';
  readonly rangeType: RangeType;
}
/**
 * A changed range type that columns, domains or composite types use (of it, of its multirange type, or arrays
 * of either): renamed aside with its multirange type and their constructors, created anew, the columns
 * converted through text, the old one dropped, like RecreateDomain.
 */
export interface RecreateRangeType {
  readonly kind: 'RecreateRangeType';
  readonly from: RangeType;
  readonly to: RangeType;
  readonly columns: readonly TypeColumn[];
  /** Recreated types its subtype is (a domain or enum the plan recreates under it); absent: none. */
  readonly within?: readonly TypeRef[];
}
export type RangeTypeChange = CreateRangeType | DropRangeType | RecreateRangeType;
