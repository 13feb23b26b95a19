import type { Declared } from '../declare';
import type { Db } from '../db';
import { createScratch } from '../db';
import { managesGrant } from '../diff';
import { introspect } from '../introspect';
import { constraintKey, grantKey, sortCatalog, type Catalog, type Grant } from '../model';
import { formatProblem, SchemakitError, type OnProgress, type Problem } from '../util';
import { buildCatalogInto, type BuildOutcome } from './build-catalog';
import { normalizeGrantSignatures } from './normalize-grants';
import { normalizedCacheKey, readNormalizedCache, writeNormalizedCache } from './normalize-cache';

/**
 * Normalizes a declared catalog the most faithful way: renders it into a scratch database on the same kind
 * of server as `like` (a temporary database, or a fresh embedded PGlite) and introspects it back, so both
 * sides of a diff come out of the same catalog functions (`int` → `integer`, implicit names, defaults…).
 * Every statement the server rejects is reported, each with the file:line of the declaration it came from.
 */
export async function normalizeDeclared(declared: Declared, like: Db, options: NormalizeOptions = {}): Promise<Catalog> {
  const { cacheDir } = options;
  if (options.normalized) return options.normalized;
  const key = cacheDir ? normalizedCacheKey(declared.catalog, like) : '';
  const cached = cacheDir ? readNormalizedCache(cacheDir, key) : undefined;
  if (cached) return cached;
  // PGlite registers contrib extensions at start, so the scratch instance must be asked for the declared ones.
  options.onProgress?.({ kind: 'ScratchDatabase' });
  const scratch = await createScratch(like, {
    devUrl: options.devUrl,
    embeddedFallback: options.embeddedFallback,
    extensions: declared.catalog.extensions.map((e) => e.name),
  });
  let catalog: Catalog;
  try {
    catalog = await normalizeInto(declared, scratch.db, options.onProgress);
  } finally {
    await scratch.dispose();
  }
  if (cacheDir) writeNormalizedCache(cacheDir, key, catalog);
  return catalog;
}

/** Options of normalizeDeclared. */
export interface NormalizeOptions {
  /**
   * Directory where normalized catalogs are cached by content (e.g. `.schemakit/cache`): unchanged
   * declarations then need no scratch database. None when absent.
   */
  readonly cacheDir?: string;
  /** Where to make the scratch database (`--dev-url`: a server URL or `pglite`); see createScratch. */
  readonly devUrl?: string;
  /** Use the embedded engine when the server refuses CREATE DATABASE; see createScratch. */
  readonly embeddedFallback?: boolean;
  /** Told when the scratch database is made and as the declarations are rendered into it. */
  readonly onProgress?: OnProgress;
  /**
   * The same declarations already normalized against this kind of database by an earlier stage of the same
   * command: returned as is, so a command normalizes once and passes the catalog along.
   */
  readonly normalized?: Catalog;
}

/**
 * The same, into a database the caller already has and knows to be empty (e.g. a pooled PGlite), so a
 * command that needs no target does not start one database only to ask for another.
 */
export async function normalizeInto(declared: Declared, empty: Db, onProgress?: OnProgress): Promise<Catalog> {
  const built = await buildCatalogInto(declared.catalog, empty, { onProgress });
  if (built.rejected.length > 0) throw rejectedError(declared, built);
  const normalized = withDeclaredValidity(withDeclaredOpenings(await introspect(empty), declared.catalog), declared.catalog);
  if (declared.catalog.grants === null) return normalized;
  return sortCatalog({ ...normalized, grants: uniqueGrants(await normalizeGrantSignatures(declared.catalog.grants, empty)) });
}

/** One error for every declaration Postgres rejected, each a problem at its file:line. */
function rejectedError(declared: Declared, built: BuildOutcome): SchemakitError {
  const problems: Problem[] = built.rejected
    .map((r) => ({
      code: 'declaration-rejected',
      object: r.object,
      location: locate(declared, r.object),
      message: r.reason,
    }))
    .sort(byLocation);
  const n = problems.length;
  const lines = problems.map((p) => `  ${formatProblem(p)}`);
  if (built.notTried.length > 0) lines.push(`  not tried, as they need a rejected object: ${built.notTried.join(', ')}`);
  return new SchemakitError('normalize', 'declaration-rejected', `Postgres rejected ${n} declaration${n === 1 ? '' : 's'}:\n${lines.join('\n')}`, {
    cause: built.rejected[0]?.cause,
    problems,
  });
}

/**
 * NOT VALID as declared: CREATE TABLE validates its inline constraints (the scratch tables are empty), so the
 * flag is taken from the declaration, not from the scratch catalog.
 */
function withDeclaredValidity(catalog: Catalog, declared: Catalog): Catalog {
  const notValid = new Set(declared.constraints.filter((k) => (k.kind === 'Check' || k.kind === 'ForeignKey') && k.notValid === true).map(constraintKey));
  if (notValid.size === 0) return catalog;
  return {
    ...catalog,
    constraints: catalog.constraints.map((k) =>
      (k.kind === 'Check' || k.kind === 'ForeignKey') && notValid.has(constraintKey(k)) ? { ...k, notValid: true } : k,
    ),
  };
}

/** Grants without repeats (the same privilege declared twice is granted once). */
function uniqueGrants(grants: readonly Grant[]): Grant[] {
  return [...new Map(grants.map((g) => [grantKey(g), g])).values()];
}

/** Problems in file order, then line order (those without a place last). */
function byLocation(a: Problem, b: Problem): number {
  const at = (p: Problem) => /^(.*):(\d+)$/.exec(p.location ?? '') ?? ['', '\uffff', '0'];
  const [, fa, la] = at(a);
  const [, fb, lb] = at(b);
  return fa < fb ? -1 : fa > fb ? 1 : Number(la) - Number(lb);
}

/** Finds the declaration site of an object key or its closest declared parent. */
function locate(declared: Declared, key: string): string | undefined {
  const parts = key.split('.');
  for (let n = parts.length; n > 0; n--) {
    const loc = declared.locations.get(parts.slice(0, n).join('.'));
    if (loc) return loc;
  }
  return undefined;
}

/**
 * A catalog seen with what the declarations leave open left open: an extension without a pinned version
 * accepts any version and keeps its own comment unless one is declared, and an undeclared `public` schema is
 * not managed. Applied to the normalized declarations (and, in tests, to a live catalog to compare with them).
 */
export function withDeclaredOpenings(catalog: Catalog, declared: Catalog): Catalog {
  // Default privileges are not declared: a declared catalog leaves them unmanaged. Nor are the names of
  // partitions' parts of parent indexes (Postgres names them; a declaration cannot): a database whose parts were
  // attached under names of their own is not planned renames towards Postgres's choice (pull then plan is empty).
  const { defaultPrivileges: _unmanaged, partitionIndexParts: _named, ...introspected } = catalog;
  const byName = new Map(declared.extensions.map((e) => [e.name, e]));
  const declaresPublic = declared.schemas.some((s) => s.name === 'public');
  return sortCatalog({
    ...introspected,
    ...(declared.defaultPrivileges ? { defaultPrivileges: catalog.defaultPrivileges ?? [] } : {}),
    schemas: catalog.schemas.filter((s) => declaresPublic || s.name !== 'public'),
    extensions: catalog.extensions.map((e) => {
      const d = byName.get(e.name);
      return { ...e, version: d?.version == null ? null : e.version, comment: d && d.comment === null ? null : e.comment };
    }),
    // Privileges are managed only when declared.
    grants: declared.grants === null || catalog.grants === null ? null : catalog.grants.filter((g) => managesGrant(declared, g)),
  });
}
