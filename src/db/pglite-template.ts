import { mkdirSync, openAsBlob, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sha256 } from '../util';
import { newPglite } from './pglite-factory';

/**
 * Fast start of empty in-memory PGlite instances. A plain `PGlite.create()` runs initdb in WASM (2.5-5 s
 * on a 2-core machine); loading the data directory of a never-used instance from a tarball
 * (`loadDataDir`) skips initdb and takes ~1-1.5 s. The tarball (~40 MB, uncompressed because gunzip costs
 * more than it saves) is made once per PGlite build and cached under the OS temp directory, so every
 * process after the first starts fast too. Set SCHEMAKIT_PGLITE_CACHE=off to disable the disk cache.
 */
let pristine: Promise<Blob | null> | null = null;

/**
 * The installed PGlite build: its directory and its WASM files' sizes and times, which change with any
 * other build (read without loading PGlite). Keys what depends on the build: the pristine tarball, and
 * the normalized declarations of embedded targets (pipeline/normalize-cache.ts).
 */
export function pgliteBuildStamp(): string {
  const dist = dirname(require.resolve('@electric-sql/pglite'));
  const stamp = ['pglite.wasm', 'pglite.data', 'initdb.wasm']
    .map((f) => {
      const s = statSync(join(dist, f), { throwIfNoEntry: false });
      return s ? `${f}:${s.size}:${Math.floor(s.mtimeMs)}` : f;
    })
    .join('|');
  return dist + stamp;
}

/** Path of the cached tarball for the installed PGlite build. */
function cachePath(): string {
  return join(tmpdir(), 'schemakit-cache', `pglite-pristine-${sha256(pgliteBuildStamp()).slice(0, 16)}.tar`);
}

const diskCacheEnabled = (): boolean => !/^(off|0|false|no)$/i.test(process.env.SCHEMAKIT_PGLITE_CACHE ?? '');

/**
 * The cached tarball, or null when absent or unreadable: a Blob backed by the file (read when an instance
 * starts from it), so the process does not keep the ~40 MB in memory for its whole life (the pool may start
 * more instances) nor copy it twice (a Buffer, then a Blob of it).
 */
async function readCache(): Promise<Blob | null> {
  if (!diskCacheEnabled()) return null;
  try {
    const path = cachePath();
    if (statSync(path).size <= 1_000_000) return null;
    return await openAsBlob(path);
  } catch {
    return null;
  }
}

/** Writes the tarball atomically (temp file + rename) so a concurrent reader never sees half a file. */
async function writeCache(tar: Blob): Promise<void> {
  if (!diskCacheEnabled()) return;
  try {
    const path = cachePath();
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, Buffer.from(await tar.arrayBuffer()));
    renameSync(tmp, path);
  } catch {
    // A cache that cannot be written only costs speed.
  }
}

/**
 * Starts a new, empty in-memory PGlite. Uses the pristine tarball when there is one; otherwise runs
 * initdb and, before anything touches the new instance, dumps it as the pristine tarball for next time.
 */
export async function startEmptyPglite(extensionNames: readonly string[] = []): Promise<PGlite> {
  pristine ??= readCache();
  const tar = await pristine;
  if (tar) {
    try {
      return await newPglite({ loadDataDir: tar, extensions: extensionNames });
    } catch {
      pristine = Promise.resolve(null); // A bad tarball: fall back to initdb and rewrite it.
    }
  }
  const pg = await newPglite({ extensions: extensionNames });
  const dumped = pg.dumpDataDir('none').then(
    (blob) => blob,
    () => null,
  );
  pristine = dumped;
  const blob = await dumped;
  if (blob) await writeCache(blob);
  return pg;
}

/**
 * The pristine data directory as a tarball when one is cached (from this process or an earlier one), else
 * null. Used to seed a new persistent data directory without running initdb (~1 s instead of 3-8 s).
 */
export async function cachedPristineTarball(): Promise<Blob | null> {
  pristine ??= readCache();
  return pristine;
}
