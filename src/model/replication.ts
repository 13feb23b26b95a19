import { nameKey } from './name-key';

/**
 * Publications, foreign servers and foreign tables (issue 9): the objects of logical replication and of
 * foreign data wrappers, database-level except foreign tables.
 */

/** What a publication replicates (`WITH (publish = '…')`). */
export type PublishAction = 'insert' | 'update' | 'delete' | 'truncate';

/** One table of a publication: `FOR TABLE schema.name [(columns)] [WHERE (expression)]`. */
export interface PublicationTable {
  readonly schema: string;
  readonly name: string;
  /** The column list (PostgreSQL 15+), in the table's column order; null: every column. */
  readonly columns: readonly string[] | null;
  /** The row filter (PostgreSQL 15+) as Postgres prints it; null: every row. */
  readonly where: string | null;
}

/** `CREATE PUBLICATION name FOR ALL TABLES | FOR TABLE … , TABLES IN SCHEMA … WITH (…)`. */
export interface Publication {
  readonly kind: 'Publication';
  readonly name: string;
  /** FOR ALL TABLES (then `tables` and `schemas` are empty). */
  readonly allTables: boolean;
  /** Tables, sorted by schema and name. */
  readonly tables: readonly PublicationTable[];
  /** `TABLES IN SCHEMA` (PostgreSQL 15+), sorted. */
  readonly schemas: readonly string[];
  /** In the order insert, update, delete, truncate. */
  readonly publish: readonly PublishAction[];
  /** `publish_via_partition_root`. */
  readonly viaRoot: boolean;
  readonly comment: string | null;
}

/** An option of a server, table or column (`OPTIONS (name 'value')`), sorted by name. */
export interface FdwOption {
  readonly name: string;
  readonly value: string;
}

/**
 * `CREATE SERVER name [TYPE …] [VERSION …] FOREIGN DATA WRAPPER fdw OPTIONS (…)`. Options whose name reads as
 * a secret (password, secret, token…) are never read, compared or printed: they are set outside schemakit.
 */
export interface ForeignServer {
  readonly kind: 'ForeignServer';
  readonly name: string;
  readonly wrapper: string;
  readonly type: string | null;
  readonly version: string | null;
  readonly options: readonly FdwOption[];
  readonly comment: string | null;
}

/** A column of a foreign table. */
export interface ForeignColumn {
  readonly name: string;
  /** As Postgres prints it (format_type), schema-qualified except pg_catalog. */
  readonly type: string;
  readonly notNull: boolean;
  readonly default: string | null;
  readonly options: readonly FdwOption[];
  readonly comment: string | null;
}

/** `CREATE FOREIGN TABLE schema.name (columns) SERVER server OPTIONS (…)`. */
export interface ForeignTable {
  readonly kind: 'ForeignTable';
  readonly schema: string;
  readonly name: string;
  readonly server: string;
  readonly columns: readonly ForeignColumn[];
  readonly options: readonly FdwOption[];
  readonly comment: string | null;
}

export const publicationKey = (p: Pick<Publication, 'name'>): string => nameKey(p.name);
export const foreignServerKey = (s: Pick<ForeignServer, 'name'>): string => nameKey(s.name);
export const foreignTableKey = (t: Pick<ForeignTable, 'schema' | 'name'>): string => nameKey(t.schema, t.name);

/** True for an option name that may hold a secret: such options are never read or printed. */
export const isSecretOption = (name: string): boolean => /pass|secret|token|credential|private|api.?key/i.test(name);
