import type { PublishAction } from '../model';
import { captureLocation, type Location } from './location';
import { schemaName, type SchemaDecl } from './schema';
import type { Sql } from './sql-fragment';
import { TableDecl, type AnyTableDecl } from './table';

/** A table of a publication, with a column list or a row filter (PostgreSQL 15+). */
export interface PublicationTableSpec {
  readonly table: AnyTableDecl;
  readonly columns?: readonly string[];
  /** Row filter: `sql\`amount > 0\`` (columns of the table only). */
  readonly where?: Sql | string;
}

/** Options of `publication()`. */
export interface PublicationOptions {
  /** FOR ALL TABLES. */
  readonly allTables?: boolean;
  readonly tables?: readonly (AnyTableDecl | PublicationTableSpec)[];
  /** FOR TABLES IN SCHEMA (PostgreSQL 15+). */
  readonly schemas?: readonly (SchemaDecl | string)[];
  /** What is published (default: all four). */
  readonly publish?: readonly PublishAction[];
  /** `publish_via_partition_root`. */
  readonly viaRoot?: boolean;
  readonly comment?: string;
  /** The publication's previous name: `ALTER PUBLICATION … RENAME TO` instead of drop and create. */
  readonly renamedFrom?: string;
}

/** A declared publication (publications belong to the database, not to a schema). */
export class PublicationDecl {
  readonly kind = 'PublicationDecl' as const;
  constructor(
    readonly name: string,
    readonly options: PublicationOptions,
    readonly location: Location | null,
  ) {
    Object.freeze(this);
  }
  /** The tables, each as a spec. */
  tableSpecs(): PublicationTableSpec[] {
    return (this.options.tables ?? []).map((t) => (t instanceof TableDecl ? { table: t } : (t as PublicationTableSpec)));
  }
  /** The schema names of FOR TABLES IN SCHEMA. */
  schemaNames(): string[] {
    return (this.options.schemas ?? []).map(schemaName);
  }
}

/**
 * Declares a publication for logical replication: `publication('orders_pub', { tables: [orders, { table: lines,
 * columns: ['id', 'amount'], where: sql\`amount > 0\` }], publish: ['insert', 'update'] })`.
 */
export function publication(name: string, options: PublicationOptions = {}): PublicationDecl {
  return new PublicationDecl(name, options, captureLocation());
}
