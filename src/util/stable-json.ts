import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** JSON with object keys sorted, so equal data always gives equal text (and equal hashes). */
export function stableJson(value: unknown, indent?: number): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** sha256 hex of a string (its UTF-8 bytes) or of bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const digests = new WeakMap<object, string>();

/**
 * sha256 hex of stableJson(value), computed once per object: model data is immutable, so the same object hashed
 * again (a 1,000-table catalog costs ~80 ms) has the same digest. rememberDigest gives one computed earlier.
 */
export function stableDigest(value: object): string {
  let digest = digests.get(value);
  if (digest === undefined) digests.set(value, (digest = sha256(stableJson(value))));
  return digest;
}

/** Records `digest` as stableDigest(value): one computed from the same data and stored with it (a cache entry). */
export function rememberDigest(value: object, digest: string): void {
  digests.set(value, digest);
}

/** sha256 hex of a file's content, or `unreadable` when it cannot be read (for cache keys: never an error). */
export function fileContentHash(path: string): string {
  try {
    return sha256(readFileSync(path));
  } catch {
    return 'unreadable';
  }
}

/**
 * Deep equality of plain data (JSON-like values); `undefined` properties count as absent. `ignore` names a
 * top-level property left out of the comparison (e.g. `comment`), without copying either object.
 */
export function deepEqual(a: unknown, b: unknown, ignore?: string): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let na = 0;
  for (const k in ra) {
    if (k === ignore || ra[k] === undefined) continue;
    na++;
    if (!deepEqual(ra[k], rb[k])) return false;
  }
  let nb = 0;
  for (const k in rb) if (k !== ignore && rb[k] !== undefined) nb++;
  return na === nb;
}
