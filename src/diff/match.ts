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
  const fromKeyed: Keyed<T> = from.map((x) => [key(x), x]);
  const toKeyed: Keyed<T> = to.map((x) => [key(x), x]);
  return isSorted(fromKeyed) && isSorted(toKeyed) ? mergeSorted(fromKeyed, toKeyed) : hashJoin(fromKeyed, toKeyed);
}

/** Items beside their keys, in input order. */
type Keyed<T> = readonly (readonly [key: string, item: T])[];

function isSorted<T>(keyed: Keyed<T>): boolean {
  let prev: string | undefined;
  for (const [k] of keyed) {
    if (prev !== undefined && prev >= k) return false;
    prev = k;
  }
  return true;
}

function mergeSorted<T>(from: Keyed<T>, to: Keyed<T>): Matched<T> {
  const removed: T[] = [];
  const added: T[] = [];
  const common: (readonly [T, T])[] = [];
  let i = 0;
  let j = 0;
  for (let f = from[i], t = to[j]; f && t; f = from[i], t = to[j]) {
    if (f[0] === t[0]) {
      common.push([f[1], t[1]] as const);
      i++;
      j++;
    } else if (f[0] < t[0]) {
      removed.push(f[1]);
      i++;
    } else {
      added.push(t[1]);
      j++;
    }
  }
  for (const [, f] of from.slice(i)) removed.push(f);
  for (const [, t] of to.slice(j)) added.push(t);
  return { removed, added, common };
}

function hashJoin<T>(from: Keyed<T>, to: Keyed<T>): Matched<T> {
  const toByKey = new Map<string, T>(to);
  const seen = new Set(from.map(([k]) => k));
  const removed: T[] = [];
  const common: (readonly [T, T])[] = [];
  for (const [k, f] of from) {
    const t = toByKey.get(k);
    if (t === undefined) removed.push(f);
    else common.push([f, t] as const);
  }
  return { removed, added: to.filter(([k]) => !seen.has(k)).map(([, t]) => t), common };
}

/** Comment change between two versions of an object, if any. */
export function commentChanged(from: { comment: string | null }, to: { comment: string | null }): boolean {
  return (from.comment ?? null) !== (to.comment ?? null);
}
