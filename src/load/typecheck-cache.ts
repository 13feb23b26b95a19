import * as fs from 'node:fs';
import * as path from 'node:path';
import { sha256 } from '../util';

/**
 * A cache of successful type checks, keyed by the content of every schema file and of the package's types:
 * the compiler takes ~1-3 s, and most runs of `plan` see files that were already checked. A hit returns
 * the emitted JavaScript; anything unreadable is a miss.
 */
export function typecheckCacheKey(files: readonly string[], schemakitTypes: string): string {
  const parts = [schemakitTypes, statKey(schemakitTypes)];
  for (const f of [...files].sort()) parts.push(f, sha256(fs.readFileSync(f, 'utf8')));
  return sha256(parts.join('\0'));
}

function statKey(file: string): string {
  try {
    const s = fs.statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/** The cached outputs for `key`, or undefined. */
export function readTypecheckCache(cacheDir: string, key: string): ReadonlyMap<string, string> | undefined {
  try {
    const data = JSON.parse(fs.readFileSync(path.join(cacheDir, `typecheck-${key}.json`), 'utf8')) as Record<string, string>;
    return new Map(Object.entries(data));
  } catch {
    return undefined;
  }
}

/** Stores outputs for `key`, replacing older entries (best effort: a cache that cannot be written is skipped). */
export function writeTypecheckCache(cacheDir: string, key: string, outputs: ReadonlyMap<string, string>): void {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    for (const f of fs.readdirSync(cacheDir)) if (f.startsWith('typecheck-')) fs.rmSync(path.join(cacheDir, f), { force: true });
    fs.writeFileSync(path.join(cacheDir, `typecheck-${key}.json`), JSON.stringify(Object.fromEntries(outputs)));
  } catch {
    // best effort
  }
}
