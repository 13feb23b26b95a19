import type { EngineKind } from '../db';

/** What a backup holds: everything, only the definitions, or only the rows. */
export type BackupKind = 'full' | 'schema-only' | 'data-only';

/** One table in a backup, with its exact row count in the backup's snapshot and the planner's estimate. */
export interface BackupTable {
  /** `schema.table`. */
  readonly name: string;
  /** Exact `count(*)` in the snapshot pg_dump read (null for a schema-only backup: no rows are in it). */
  readonly rows: number | null;
  /** `pg_class.reltuples` at backup time (-1: never analyzed). */
  readonly estimatedRows: number;
  /** Indexes not backing a constraint, and sequences the table owns: restored with the table alone. */
  readonly indexes: readonly string[];
  readonly sequences: readonly string[];
}

/** The metadata sidecar `<file>.json` written next to every backup. */
export interface BackupMeta {
  readonly format: 'schemakit-backup/1';
  /** The backup file's name, in the same folder as the sidecar. */
  readonly file: string;
  readonly kind: BackupKind;
  /** `--table` selection (`schema.table`), or null for the whole database. */
  readonly only: readonly string[] | null;
  readonly engine: EngineKind;
  /** `SHOW server_version`, e.g. `15.8`. */
  readonly serverVersion: string;
  /** Engine and major version the catalog hash was computed on (hashes compare only within one). */
  readonly hashedOn: string;
  readonly schemakitVersion: string;
  readonly database: string;
  readonly createdAt: string;
  readonly durationMs: number;
  /** The last applied migration of schemakit's history table, if any. */
  readonly migrationHead: { readonly version: string; readonly name: string } | null;
  /** catalogHash of the introspected catalog of the whole database at backup time. */
  readonly catalogHash: string;
  readonly compress: number | null;
  readonly bytes: number;
  readonly sha256: string;
  readonly tables: readonly BackupTable[];
}
