import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import type { Declared } from '../declare';
import { rememberDigest, sha256, stableDigest } from '../util';

/**
 * A cache of evaluated declarations (the Declared a schema folder loads to, validated), keyed by the
 * content of every schema file (the type check's key), whether they were type checked, the working
 * directory (locations are named relative to it) and this build of schemakit. Only a folder whose
 * evaluation read nothing but its own files and the declaration API is stored: one that reads the
 * environment or requires any other module is evaluated on every run. Anything unreadable is a miss.
 */
export function declaredCacheKey(contentKey: string, typechecked: boolean): string {
  const build = [__filename, require.resolve('../declare'), path.join(__dirname, '..', '..', '.tsbuildinfo')].map(statKey);
  return sha256(['declared-v2', contentKey, String(typechecked), process.cwd(), ...build].join('\0'));
}

function statKey(file: string): string {
  try {
    const s = fs.statSync(file);
    return `${file}:${s.size}:${s.mtimeMs}`;
  } catch {
    return `${file}:missing`;
  }
}

/** What an entry holds: the declarations and the digest of their catalog (stableDigest, for the caches keyed by it). */
interface Entry {
  readonly declared: Declared;
  readonly catalogDigest: string;
}

/** The cached declarations for `key`, or undefined; their catalog's digest is remembered (rememberDigest). */
export function readDeclaredCache(cacheDir: string, key: string): Declared | undefined {
  try {
    const entry = deserialize(fs.readFileSync(path.join(cacheDir, `declared-${key}.bin`))) as Entry;
    if (typeof entry.catalogDigest !== 'string' || !entry.declared) return undefined;
    rememberDigest(entry.declared.catalog, entry.catalogDigest);
    return entry.declared;
  } catch {
    return undefined;
  }
}

/**
 * Stores `declared` for `key`, replacing older entries, when it survives the round trip unchanged (plain
 * data: no functions or class instances); best effort, a cache that cannot be written is skipped.
 */
export function writeDeclaredCache(cacheDir: string, key: string, declared: Declared): void {
  try {
    const entry: Entry = { declared, catalogDigest: stableDigest(declared.catalog) };
    const bytes = serialize(entry);
    if (!isDeepStrictEqual(deserialize(bytes), entry)) return;
    fs.mkdirSync(cacheDir, { recursive: true });
    for (const f of fs.readdirSync(cacheDir)) if (f.startsWith('declared-')) fs.rmSync(path.join(cacheDir, f), { force: true });
    const tmp = path.join(cacheDir, `.declared-${key}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, path.join(cacheDir, `declared-${key}.bin`));
  } catch {
    // best effort
  }
}
