import * as fs from 'node:fs';
import * as path from 'node:path';
import { pgliteBuildStamp, type Db } from '../db';
import type { Catalog } from '../model';
import { sha256, stableDigest } from '../util';

/**
 * A cache of normalized declarations, keyed by the declared catalog, the server that normalized it (for the
 * embedded engine, the installed PGlite build), and the build of schemakit doing it: normalizing renders every object into a scratch
 * database and introspects it back (a second PGlite of ~300 MB and ~1 s, or a temporary database), while
 * most runs of `plan` see declarations that were already normalized. Keyed by the declared catalog rather
 * than the files, so an edit that changes no declaration (a comment, a reformat) still hits. A successful
 * normalization is stored; anything unreadable is a miss. Delete `.schemakit/cache` to drop it.
 */
export function normalizedCacheKey(declared: Catalog, like: Db): string {
  if (like.engine === 'pglite') return embeddedNormalizedCacheKey(declared);
  // A server normalizes with its own settings and extension builds: one key per server (password-free URL).
  return sha256([stableDigest(declared), like.engine, String(like.serverVersion), like.description, codeStamp()].join('\0'));
}

/**
 * The key for the embedded engine, known without starting it: the installed PGlite build stands for its
 * server version (any other build has other WASM files), so a command can look the cache up, or fill it,
 * before it starts its embedded target (see normalizeEmbeddedAhead).
 */
export function embeddedNormalizedCacheKey(declared: Catalog): string {
  return sha256([stableDigest(declared), 'pglite', pgliteBuildStamp(), codeStamp()].join('\0'));
}

/** Size and time of this build's files that decide what normalization returns (any rebuild changes them). */
export function codeStamp(): string {
  // dist/.tsbuildinfo: rewritten by every build of a checkout (an installed package has none; its files are new).
  const files = [__filename, require.resolve('../introspect'), require.resolve('../plan'), path.join(__dirname, '..', '..', '.tsbuildinfo')];
  return files
    .map((f) => {
      try {
        const s = fs.statSync(f);
        return `${s.size}:${s.mtimeMs}`;
      } catch {
        return 'missing';
      }
    })
    .join(',');
}

/** The cached catalog for `key`, or undefined. */
export function readNormalizedCache(cacheDir: string, key: string): Catalog | undefined {
  return readCacheEntry<Catalog>(cacheDir, 'normalized', key);
}

/** Whether a catalog is cached for `key` (without reading it). */
export function hasNormalizedCache(cacheDir: string, key: string): boolean {
  return fs.existsSync(path.join(cacheDir, `normalized-${key}.json`));
}

/** Stores the catalog for `key` (see writeCacheEntry). */
export function writeNormalizedCache(cacheDir: string, key: string, catalog: Catalog): void {
  writeCacheEntry(cacheDir, 'normalized', key, catalog);
}

/** The JSON value stored under `<kind>-<key>.json` in `cacheDir`, or undefined (anything unreadable is a miss). */
export function readCacheEntry<T>(cacheDir: string, kind: string, key: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(cacheDir, `${kind}-${key}.json`), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * Stores `value` as `<kind>-<key>.json`. Keeps the few most recent entries of that kind (a project planned
 * against PGlite and a server, or on two branches) and drops older ones; best effort: a cache that cannot
 * be written is skipped.
 */
export function writeCacheEntry(cacheDir: string, kind: string, key: string, value: unknown): void {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const file = path.join(cacheDir, `${kind}-${key}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(value));
    fs.renameSync(tmp, file); // atomic: a concurrent reader sees the old set or the whole new file
    const entries = fs
      .readdirSync(cacheDir)
      .filter((f) => f.startsWith(`${kind}-`) && f.endsWith('.json'))
      .map((f) => ({ f, t: fs.statSync(path.join(cacheDir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of entries.slice(KEEP)) fs.rmSync(path.join(cacheDir, f), { force: true });
  } catch {
    // best effort
  }
}

const KEEP = 4;
