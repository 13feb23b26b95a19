import { ColumnRef } from './column-ref';
import { TableDecl, type AnyTableDecl } from './table';

/** How a reference table follows its CSV: `sync` inserts, updates and deletes; `upsert` never deletes; `insert` only adds missing keys. */
export type ReferenceDataMode = 'sync' | 'upsert' | 'insert';

/** A CSV column resolved to the id of a referenced row through that row's natural (unique) key. */
export interface LookupSpec {
  /** The table column the resolved id fills (it must be a single-column foreign key). */
  readonly column: string;
  /** The unique column of the referenced table the CSV value is matched against (`snp.columns.rsid`). */
  readonly match: ColumnRef;
}

/** Options of referenceData(). */
export interface ReferenceDataOptions {
  /** CSV file relative to the project (default `data/<schema>/<table>.csv`). */
  readonly file?: string;
  /** Key columns rows are matched by (default: the primary key when the CSV has it, else a unique key it has). */
  readonly key?: readonly (string | ColumnRef)[];
  readonly mode?: ReferenceDataMode;
  /** Columns the CSV must have (default: its header). */
  readonly columns?: readonly (string | ColumnRef)[];
  /** CSV column name → lookup (e.g. `{ snp_rsid: { column: 'snp_id', match: snp.columns.rsid } }`). */
  readonly lookups?: Readonly<Record<string, LookupSpec>>;
}

/** Plain-data form of a reference table declaration (what the data stage reads). */
export interface ReferenceDataSpec {
  readonly schema: string;
  readonly table: string;
  readonly file: string | null;
  readonly key: readonly string[] | null;
  readonly mode: ReferenceDataMode;
  readonly columns: readonly string[] | null;
  readonly lookups: readonly {
    readonly csvColumn: string;
    readonly column: string;
    readonly matchSchema: string;
    readonly matchTable: string;
    readonly matchColumn: string;
  }[];
}

/** The declaration returned by referenceData(); export it from a schema file. */
export class ReferenceDataDecl {
  readonly kind = 'ReferenceDataDecl' as const;
  constructor(
    readonly table: AnyTableDecl,
    readonly options: ReferenceDataOptions,
  ) {
    Object.freeze(this);
  }
  /** The plain-data spec. */
  toSpec(): ReferenceDataSpec {
    const name = (c: string | ColumnRef) => (c instanceof ColumnRef ? c.name : c);
    const o = this.options;
    return {
      schema: this.table.schema,
      table: this.table.name,
      file: o.file ?? null,
      key: o.key ? o.key.map(name) : null,
      mode: o.mode ?? 'sync',
      columns: o.columns ? o.columns.map(name) : null,
      lookups: Object.entries(o.lookups ?? {}).map(([csvColumn, l]) => ({
        csvColumn,
        column: l.column,
        matchSchema: l.match.schema,
        matchTable: l.match.table,
        matchColumn: l.match.name,
      })),
    };
  }
}

/**
 * Declares a table's rows as reference data kept in a CSV file (`data/<schema>/<table>.csv` by default):
 * validated, planned and applied with the schema.
 */
export function referenceData(table: AnyTableDecl, options: ReferenceDataOptions = {}): ReferenceDataDecl {
  if (!(table instanceof TableDecl)) throw new TypeError('referenceData: the first argument must be a table declaration');
  return new ReferenceDataDecl(table, options);
}
