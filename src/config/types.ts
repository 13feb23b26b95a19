/** Where an env's database lives: a server URL, or an embedded PGlite data directory. */
export type EnvTarget = { readonly kind: 'postgres'; readonly url: string } | { readonly kind: 'pglite'; readonly dir: string };

/** The rules an env imposes on every command (all off by default). */
export interface Policy {
  /** `db reset`, `db drop` and `restore` are refused whatever the flags. */
  readonly protected: boolean;
  /** The commands of `backupBefore` take a backup (with its sidecar) into this directory first; null: no backup required. */
  readonly requireBackup: string | null;
  /** Which commands back up first (`requireBackup.before`; default all three). */
  readonly backupBefore: readonly BackupAction[];
  /** After such a backup, only the newest N backups of the directory are kept (`requireBackup.keep`); null: all. */
  readonly backupKeep: number | null;
  /** Hazard kinds allowed without `--allow-hazard`. */
  readonly allowHazards: readonly string[];
  /** `apply` is refused: changes must come from versioned migration files. */
  readonly migrationsOnly: boolean;
  /** Plans are made in online mode by default. */
  readonly online: boolean;
}

/** A command a `requireBackup` policy can require a backup before. */
export type BackupAction = 'apply' | 'migrate-up' | 'migrate-down';

/** Every BackupAction, the default of `requireBackup.before`. */
export const BACKUP_ACTIONS: readonly BackupAction[] = ['apply', 'migrate-up', 'migrate-down'];

/** The default policy: nothing refused, nothing added. */
export const NO_POLICY: Policy = {
  protected: false,
  requireBackup: null,
  backupBefore: BACKUP_ACTIONS,
  backupKeep: null,
  allowHazards: [],
  migrationsOnly: false,
  online: false,
};

/**
 * How a fleet env finds its targets (see src/fleet): an explicit list, a query on the control database
 * (`url`), or a LIKE pattern over the databases of that server; optionally one schema per tenant.
 */
export interface FleetSpec {
  /** Explicit `postgres://` URLs (`targets:`). */
  readonly targets: readonly string[] | null;
  /** SQL run on the control database; each row's first column is a URL, a database name, or (column `schema`) a schema name. */
  readonly query: string | null;
  /** LIKE pattern over the database names of the control server (`databases: tenant_%`). */
  readonly databases: string | null;
  /** Schema-per-tenant: LIKE pattern of the schemas, in each target database, that the declared schema is bound to. */
  readonly schemaPattern: string | null;
  /** Default `--parallel` (default 4). */
  readonly parallel: number;
}

/** One entry of `envs:`. */
export interface EnvConfig {
  readonly name: string;
  /** `file:line` of its key. */
  readonly location: string;
  /** Null when its problems (an unset variable, a missing url) prevent using it. */
  readonly target: EnvTarget | null;
  /** Schemas the env manages; null: as the top level says (default all). */
  readonly schemas: readonly string[] | null;
  /** Schemas the env leaves alone; null: as the top level says. */
  readonly excludeSchemas?: readonly string[] | null;
  /** Table patterns the env leaves alone; null: as the top level says. */
  readonly excludeTables?: readonly string[] | null;
  readonly policy: Policy;
  /** Set when the env is a fleet of databases or schemas; `target` is then its control database (or null). */
  readonly fleet?: FleetSpec | null;
  /** Seed loaded by `db reset` after the schema and reference data (`data/seeds/<seed>/`), or null. */
  readonly seed: string | null;
  /** Problems reported only when this env is used (an unset `${VAR}` of another env must not stop this one). */
  readonly problems: readonly string[];
}

/** Project directories, absolute. */
export interface ConfigPaths {
  readonly schema: string;
  readonly migrations: string;
  readonly docs: string;
  readonly data: string;
  readonly templates: string | null;
}

/** A parsed and validated `schemakit.yaml` (or the defaults when there is none). */
export interface ProjectConfig {
  /** The file read, or null when the project has none. */
  readonly file: string | null;
  /** The directory paths are relative to: the file's directory, else the working directory. */
  readonly root: string;
  readonly paths: ConfigPaths;
  /** Engine for scratch and replay databases (`dev:`); null: embedded PGlite. */
  readonly dev: EnvTarget | null;
  /** Env used when none is named (`defaultEnv:`), or null. */
  readonly defaultEnv: string | null;
  readonly envs: readonly EnvConfig[];
  /** Health thresholds (`health:`, camelCase names of health's Thresholds); flags override them. */
  readonly health: Readonly<Record<string, number>>;
  /** Top-level `schemas`, `excludeSchemas`, `excludeTables`: the part of every database schemakit manages. */
  readonly scope?: ConfigScope;
  /** `docs:`: subject areas and diagram limits of `schemakit docs`; absent: none given. */
  readonly docs?: DocsConfig;
}

/** `docs:` of schemakit.yaml. */
export interface DocsConfig {
  /** `areas: { Billing: [billing.*, public.invoices] }`: area name → table patterns, in file order. */
  readonly areas: readonly { readonly name: string; readonly tables: readonly string[] }[];
  /** `maxDiagramChars`: no diagram longer than this (default 40,000 characters of Mermaid). */
  readonly maxDiagramChars: number | null;
  /** `maxDiagramTables`: no diagram with more tables than this (default 40). */
  readonly maxDiagramTables: number | null;
}

/** The part of a database schemakit manages, as schemakit.yaml says (see introspect's Scope). */
export interface ConfigScope {
  readonly schemas: readonly string[] | null;
  readonly excludeSchemas: readonly string[];
  readonly excludeTables: readonly string[];
}
