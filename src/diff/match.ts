/** The result of matching two keyed lists: what only the source has, what only the target has, and pairs. */
export interface Matched<T> {
  readonly removed: readonly T[];
  readonly added: readonly T[];
  readonly common: readonly (readonly [from: T, to: T])[];
}

/**
 * The one generic keyed matcher behind every kind (migra's `differences`): objects are identified by key,
 * never by position, and each output list keeps the order of its input. Catalogs keep their lists sorted
 * by key (sortCatalog), so the usual case is a linear merge; unsorted input falls back to a hash join.
 */
export function matchByKey<T>(from: readonly T[], to: readonly T[], key: (x: T) => string): Matched<T> {
  const fromKeys = from.map(key);
  const toKeys = to.map(key);
  return isSorted(fromKeys) && isSorted(toKeys) ? mergeSorted(from, to, fromKeys, toKeys) : hashJoin(from, to, fromKeys, toKeys);
}

function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] >= keys[i]) return false;
  return true;
}

function mergeSorted<T>(from: readonly T[], to: readonly T[], fk: readonly string[], tk: readonly string[]): Matched<T> {
  const removed: T[] = [];
  const added: T[] = [];
  const common: (readonly [T, T])[] = [];
  let i = 0;
  let j = 0;
  while (i < from.length && j < to.length) {
    if (fk[i] === tk[j]) common.push([from[i++], to[j++]] as const);
    else if (fk[i] < tk[j]) removed.push(from[i++]);
    else added.push(to[j++]);
  }
  while (i < from.length) removed.push(from[i++]);
  while (j < to.length) added.push(to[j++]);
  return { removed, added, common };
}

function hashJoin<T>(from: readonly T[], to: readonly T[], fk: readonly string[], tk: readonly string[]): Matched<T> {
  const toByKey = new Map<string, T>();
  to.forEach((t, i) => toByKey.set(tk[i], t));
  const seen = new Set(fk);
  const removed: T[] = [];
  const common: (readonly [T, T])[] = [];
  from.forEach((f, i) => {
    const t = toByKey.get(fk[i]);
    if (t === undefined) removed.push(f);
    else common.push([f, t] as const);
  });
  return { removed, added: to.filter((_, i) => !seen.has(tk[i])), common };
}

/** Comment change between two versions of an object, if any. */
export function commentChanged(from: { comment: string | null }, to: { comment: string | null }): boolean {
  return (from.comment ?? null) !== (to.comment ?? null);
}
