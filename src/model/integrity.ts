/**
 * Declared facts about the data that the database does not enforce: natural keys, logical foreign keys
 * (`enforced: false`) and expectations. Only `schemakit check` and `dedupe` read them; they are never
 * compared with a live catalog, so they live beside the Catalog (in Declared), not in it.
 */

/** A key that should identify a row (`naturalKey: ['email']`), not (yet) backed by a unique constraint. */
export interface NaturalKey {
  readonly kind: 'NaturalKey';
  readonly schema: string;
  readonly table: string;
  readonly columns: readonly string[];
  /** `file:line` of the declaration. */
  readonly location: string | null;
}

/** A relationship the database does not enforce: a foreign key declared with `enforced: false`. */
export interface LogicalForeignKey {
  readonly kind: 'LogicalForeignKey';
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly columns: readonly string[];
  readonly refSchema: string;
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly match: 'simple' | 'full';
  readonly location: string | null;
}

/** Comparison operators of `expect(t).rows(op, n)`. */
export const rowCountOps = ['>', '>=', '=', '<', '<=', '<>'] as const;
export type RowCountOp = (typeof rowCountOps)[number];

/** A value of `.values(col, [...])`. */
export type AcceptedValue = string | number | boolean;

interface ExpectationBase {
  readonly schema: string;
  readonly table: string;
  readonly location: string | null;
}

/** `expect(t).rows('>', 0)`: the table's row count compared with a number. */
export interface RowCountExpectation extends ExpectationBase {
  readonly kind: 'RowCount';
  readonly op: RowCountOp;
  readonly value: number;
}
/** `expect(t).noEmptyStrings(col)`: no row holds '' (or only blanks) in the column. */
export interface NoEmptyStringsExpectation extends ExpectationBase {
  readonly kind: 'NoEmptyStrings';
  readonly column: string;
}
/** `expect(t).matches(col, regex)`: every non-NULL value matches the POSIX regular expression (`~`). */
export interface MatchesExpectation extends ExpectationBase {
  readonly kind: 'Matches';
  readonly column: string;
  readonly pattern: string;
}
/** `expect(t).values(col, [...])`: every non-NULL value is one of these. */
export interface AcceptedValuesExpectation extends ExpectationBase {
  readonly kind: 'AcceptedValues';
  readonly column: string;
  readonly values: readonly AcceptedValue[];
}

/** A per-table expectation. */
export type TableExpectation = RowCountExpectation | NoEmptyStringsExpectation | MatchesExpectation | AcceptedValuesExpectation;

/** `dataCheck(name, sql)`: a query that returns the offending rows (none when the data is right). */
export interface DataCheck {
  readonly kind: 'DataCheck';
  readonly name: string;
  readonly sql: string;
  readonly location: string | null;
}

/** Everything `schemakit check` checks beyond the catalog. */
export interface Integrity {
  readonly naturalKeys: readonly NaturalKey[];
  readonly logicalForeignKeys: readonly LogicalForeignKey[];
  readonly expectations: readonly TableExpectation[];
  readonly dataChecks: readonly DataCheck[];
}

/** No declared integrity facts. */
export const emptyIntegrity: Integrity = { naturalKeys: [], logicalForeignKeys: [], expectations: [], dataChecks: [] };

/**
 * The `schemakit dedupe` command that clears duplicates over a key (names as the database has them),
 * suggested by `check` and by the pre-flight refusal of a new unique constraint.
 */
export function dedupeCommand(schema: string, table: string, columns: readonly string[]): string {
  const q = (s: string) => (/^[A-Za-z0-9_.,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return `schemakit dedupe ${q(`${schema}.${table}`)} --key ${q(columns.join(','))} --keep most-complete`;
}
