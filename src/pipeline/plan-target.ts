import type { Db } from '../db';
import type { Declared } from '../declare';
import { defaultCacheDir } from '../load';
import type { Scope } from '../introspect';
import type { Catalog } from '../model';
import type { Plan, PlanOptions } from '../plan';
import type { OnProgress } from '../util';
import { planDeclaredWithData } from './reference-data';

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
  /** The target's whole catalog, already read by the caller (see DataOptions.introspected). */
  readonly introspected?: Catalog;
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
    { scope: target.scope, root: target.root, introspected: target.introspected },
    {
      cacheDir: target.cacheDir ?? defaultCacheDir(target.root),
      devUrl: target.devUrl,
      embeddedFallback: target.embeddedFallback,
      onProgress: target.onProgress,
      normalized: target.normalized,
    },
  );
}
