/** The result of matching two keyed lists: what only the source has, what only the target has, and pairs. */
export interface Matched<T> {
  readonly removed: readonly T[];
  readonly added: readonly T[];
  readonly common: readonly (readonly [from: T, to: T])[];
}

/**
 * The one generic keyed matcher behind every kind (migra's `differences`): objects are identified by key,
 * never by position, and each output list keeps the order of its input.
 */
export function matchByKey<T>(from: readonly T[], to: readonly T[], key: (x: T) => string): Matched<T> {
  const toKeys = to.map(key);
  const toByKey = new Map<string, T>();
  to.forEach((t, i) => toByKey.set(toKeys[i], t));
  const fromKeys = new Set<string>();
  const removed: T[] = [];
  const common: (readonly [T, T])[] = [];
  for (const f of from) {
    const k = key(f);
    fromKeys.add(k);
    const t = toByKey.get(k);
    if (t === undefined) removed.push(f);
    else common.push([f, t] as const);
  }
  const added = to.filter((_, i) => !fromKeys.has(toKeys[i]));
  return { removed, added, common };
}

/** Comment change between two versions of an object, if any. */
export function commentChanged(from: { comment: string | null }, to: { comment: string | null }): boolean {
  return (from.comment ?? null) !== (to.comment ?? null);
}
