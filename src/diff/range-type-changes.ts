import type { RangeType } from '../model';

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
export type RangeTypeChange = CreateRangeType | DropRangeType;
