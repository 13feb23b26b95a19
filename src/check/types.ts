import type { Integrity } from '../model';

/** The kinds of finding of `schemakit check`. User-facing: kebab-case. */
export const checkKinds = [
  'not-valid-foreign-key',
  'not-valid-check',
  'orphans',
  'duplicate-natural-key',
  'row-count',
  'empty-strings',
  'unmatched-pattern',
  'unaccepted-values',
  'data-check',
  'invalid-index',
  'sequence-behind',
] as const;
export type CheckKind = (typeof checkKinds)[number];

/** One problem with the data: how many rows (or groups), a few keys to look at, and where it was declared. */
export interface CheckFinding {
  readonly kind: CheckKind;
  /** `schema.table`, `schema.table.constraint`, `schema.index` or the data check's name. */
  readonly object: string;
  /** Offending rows (duplicate groups for natural keys; the row count for `rows` expectations). */
  readonly count: number;
  /** Up to 5 primary keys (or natural key values) of offending rows, as text. */
  readonly samples: readonly string[];
  readonly message: string;
  /** `file:line` of the declaration, when declared. */
  readonly location: string | null;
  /** SQL or a command that fixes it, when there is one. */
  readonly fix: string | null;
}

/** A check that could not run, and why. */
export interface CheckSkipped {
  readonly kind: CheckKind;
  readonly object: string;
  readonly reason: string;
  readonly location: string | null;
}

/** What `checkData()` returns. */
export interface CheckReport {
  readonly database: string;
  readonly engine: 'postgres' | 'pglite';
  /** `transaction_read_only` as read inside the pass. */
  readonly readOnly: boolean;
  /** Checks run (passing ones included). */
  readonly checked: number;
  readonly findings: readonly CheckFinding[];
  readonly skipped: readonly CheckSkipped[];
}

/** The declarations check reads: a `Declared` fits (locations for file:line, integrity for expectations). */
export interface CheckDeclarations {
  readonly locations: ReadonlyMap<string, string>;
  readonly integrity?: Integrity;
}
