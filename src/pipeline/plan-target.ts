import type { Db } from '../db';
import type { Declared } from '../declare';
import { defaultCacheDir } from '../load';
import { diffCatalogs } from '../diff';
import { scopeCatalog, type Scope } from '../introspect';
import type { Catalog } from '../model';
import { planChanges, type Plan, type PlanOptions } from '../plan';
import type { OnProgress } from '../util';
import { planDeclaredWithData } from './reference-data';
import type { Side } from './resolve';
import type { Source } from './source';

/** Where planTarget normalizes the declarations and caches catalogs, and what part of the target it plans. */
export interface PlanTargetOptions {
  /** Only these schemas and tables of the target are planned (a fleet tenant's, a scoped env's). */
  readonly scope?: Scope;
  /** Where to make the scratch database (`--dev-url`: a server URL or `pglite`); see createScratch. */
  readonly devUrl?: string;
  /** Use the embedded engine when the server refuses CREATE DATABASE; see createScratch. */
  readonly embeddedFallback?: boolean;
  /** The project directory holding data/ (reference data) and .schemakit/cache; default the working directory. */
  readonly root?: string;
  /** Cache of normalized and introspected catalogs; default `.schemakit/cache` under `root`. */
  readonly cacheDir?: string;
  /** Told as the declarations are normalized. */
  readonly onProgress?: OnProgress;
  /** The declarations already normalized by the caller (see NormalizeOptions.normalized). */
  readonly normalized?: Catalog;
}

/**
 * The plan from the target database to the declared schema (what `schemakit plan` and `apply` show): the DDL,
 * then the reference data of data/<schema>/<table>.csv; invalid data is refused with its report.
 */
export async function planTarget(db: Db, declared: Declared, options: PlanOptions = {}, target: PlanTargetOptions = {}): Promise<Plan> {
  return planDeclaredWithData(
    db,
    declared,
    options,
    { scope: target.scope, root: target.root },
    {
      cacheDir: target.cacheDir ?? defaultCacheDir(target.root),
      devUrl: target.devUrl,
      embeddedFallback: target.embeddedFallback,
      onProgress: target.onProgress,
      normalized: target.normalized,
    },
  );
}

/** One side of a diff: where it came from and its catalog (with the rename intents of declarations). */
export interface SourcedSide extends Side {
  readonly source: Source;
}

/**
 * Whether a diff compares privileges (GRANT/REVOKE): when asked, or when a side is a declarations directory
 * that declares grants. Roles live outside one database, so two databases are otherwise compared without them.
 */
export function comparesPrivileges(from: SourcedSide, to: SourcedSide, asked = false): boolean {
  const declares = (s: SourcedSide) => s.source.kind === 'dir' && s.catalog.grants !== null;
  return asked || declares(from) || declares(to);
}

/** Options of planDiff: the plan's, whether privileges are compared when no side declares them, and a scope. */
export interface PlanDiffOptions extends PlanOptions {
  readonly privileges?: boolean;
  readonly scope?: Scope;
}

/** The plan from one side to the other (`schemakit diff`): both scoped, privileges compared as comparesPrivileges says. */
export function planDiff(from: SourcedSide, to: SourcedSide, options: PlanDiffOptions = {}): Plan {
  const { privileges, scope, ...planOptions } = options;
  const managed = comparesPrivileges(from, to, privileges);
  const seen = (c: Catalog): Catalog => scopeCatalog(managed ? c : { ...c, grants: null }, scope);
  return planChanges(diffCatalogs(seen(from.catalog), seen(to.catalog), to.renames), planOptions);
}
