import { SchemakitError } from './errors';

/** Each element beside the one before it: `[a, b, c]` → `[[a, b], [b, c]]` (duplicate checks over a sorted list). */
export function adjacentPairs<T>(xs: readonly T[]): [before: T, after: T][] {
  const out: [T, T][] = [];
  const it = xs[Symbol.iterator]();
  const first = it.next();
  if (first.done) return out;
  for (let prev = first.value, next = it.next(); !next.done; prev = next.value, next = it.next()) out.push([prev, next.value]);
  return out;
}

/** Two parallel lists as pairs (a foreign key's columns beside the columns they reference); lists of unequal length are a bug. */
export function zip<A, B>(as: readonly A[], bs: readonly B[], what: string): [A, B][] {
  if (as.length !== bs.length) throw new SchemakitError('internal', 'internal', `${what}: ${as.length} against ${bs.length} (a bug in schemakit)`);
  return as.map((a, i) => [a, bs[i] as B]); // in range: the lengths are equal
}
