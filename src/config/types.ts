/** Where an env's database lives: a server URL, or an embedded PGlite data directory. */
export type EnvTarget =
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'pglite'; readonly dir: string };

/** The rules an env imposes on every command (all off by default). */
export interface Policy {
  /** `db reset`, `db drop` and `restore` are refused whatever the flags. */
  readonly protected: boolean;
  /** `apply`, `migrate up` and `migrate down` take a backup into this directory first; null: no backup required. */
  readonly requireBackup: string | null;
  /** Hazard kinds allowed without `--allow-hazard`. */
  readonly allowHazards: readonly string[];
  /** `apply` is refused: changes must come from versioned migration files. */
  readonly migrationsOnly: boolean;
  /** Plans are made in online mode by default. */
  readonly online: boolean;
}

/** The default policy: nothing refused, nothing added. */
export const NO_POLICY: Policy = { protected: false, requireBackup: null, allowHazards: [], migrationsOnly: false, online: false };

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
  /** Top-level `schemas`, `excludeSchemas`, `excludeTables`: the part of every database schemakit manages. */
  readonly scope?: ConfigScope;
}

/** The part of a database schemakit manages, as schemakit.yaml says (see introspect's Scope). */
export interface ConfigScope {
  readonly schemas: readonly string[] | null;
  readonly excludeSchemas: readonly string[];
  readonly excludeTables: readonly string[];
}
