import type { AcceptedValue, DataCheck, RowCountOp, TableExpectation } from '../model';
import { columnName, type ColumnSpec } from './constraints';
import { captureLocation } from './location';
import { Sql } from './sql-fragment';
import type { AnyTableDecl } from './table';

/** A declaration-time expectation before its table is known to the collector (table kept by reference). */
type Pending = TableExpectation extends infer E ? (E extends TableExpectation ? Omit<E, 'schema' | 'table'> : never) : never;

/**
 * Expectations about the rows of a table, checked by `schemakit check` (dbt's tests as typed
 * declarations): `export const usersOk = expect(users).rows('>', 0).noEmptyStrings(users.columns.email)`.
 * Immutable: each method returns a new declaration holding the expectations so far.
 */
export class ExpectationDecl {
  readonly kind = 'ExpectationDecl' as const;
  constructor(
    readonly table: AnyTableDecl,
    readonly items: readonly Pending[] = [],
  ) {
    Object.freeze(this);
  }
  private add(e: Pending): ExpectationDecl {
    return new ExpectationDecl(this.table, [...this.items, e]);
  }
  /** The table's row count compared with `value`: `.rows('>', 0)` is "data was loaded". */
  rows(op: RowCountOp, value: number): ExpectationDecl {
    return this.add({ kind: 'RowCount', op, value, location: captureLocation() });
  }
  /** No value of the column is '' or only blanks. */
  noEmptyStrings(column: ColumnSpec): ExpectationDecl {
    return this.add({ kind: 'NoEmptyStrings', column: columnName(column), location: captureLocation() });
  }
  /** Every non-NULL value matches the POSIX regular expression (Postgres `~`). */
  matches(column: ColumnSpec, pattern: string | RegExp): ExpectationDecl {
    return this.add({
      kind: 'Matches',
      column: columnName(column),
      pattern: typeof pattern === 'string' ? pattern : pattern.source,
      location: captureLocation(),
    });
  }
  /** Every non-NULL value is one of `values` (dbt's accepted_values). */
  values(column: ColumnSpec, values: readonly AcceptedValue[]): ExpectationDecl {
    return this.add({ kind: 'AcceptedValues', column: columnName(column), values: [...values], location: captureLocation() });
  }
  /** The expectations with their table filled in (internal; read by collectDeclarations). */
  resolve(): TableExpectation[] {
    return this.items.map((e) => ({ ...e, schema: this.table.schema, table: this.table.name }) as TableExpectation);
  }
}

/** Starts expectations about a table's data: `expect(users).rows('>', 0)`. */
export function expect(table: AnyTableDecl): ExpectationDecl {
  return new ExpectationDecl(table);
}

/** A named query returning offending rows, checked by `schemakit check` (none returned: the data is right). */
export class DataCheckDecl {
  readonly kind = 'DataCheckDecl' as const;
  constructor(readonly check: DataCheck) {
    Object.freeze(this);
  }
}

/** `dataCheck('orders_total_matches', sql\`SELECT id FROM orders WHERE …\`)`: the rows it returns are the findings. */
export function dataCheck(name: string, query: Sql | string): DataCheckDecl {
  return new DataCheckDecl({ kind: 'DataCheck', name, sql: query instanceof Sql ? query.text : query, location: captureLocation() });
}
