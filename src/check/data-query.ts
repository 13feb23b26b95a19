import type { CheckKind, CheckSkipped } from './types';

/**
 * One check as SQL: `countSql` returns `n` (offending rows or groups) and, when the count alone does
 * not decide, `failed`; `sampleSql` returns up to 5 keys as `v`.
 */
export interface DataQuery {
  readonly kind: CheckKind;
  readonly object: string;
  /** `schema.table` the check reads (for `--table`), null for a free data check. */
  readonly table: string | null;
  readonly location: string | null;
  readonly countSql: string;
  readonly sampleSql: string | null;
  readonly describe: (n: number) => string;
  readonly fix: string | null;
}

/** What the builders of one kind return. */
export interface Planned {
  readonly queries: DataQuery[];
  readonly skipped: CheckSkipped[];
}

/** `1 row` / `2 rows`. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
