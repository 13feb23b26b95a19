/**
 * The one generic rename of a named member (constraint, index, policy, trigger…) within its scope: the
 * list with `from` renamed to `to`, or null when the rename does not apply: `from` is gone (already done,
 * so renames are idempotent) or `to` is taken.
 */
export function renameNamed<T extends { readonly name: string }>(list: readonly T[], inScope: (x: T) => boolean, from: string, to: string): T[] | null {
  if (!canRename(list, inScope, from, to)) return null;
  return list.map((x) => (inScope(x) && x.name === from ? { ...x, name: to } : x));
}

/** True when `from` exists in the scope and `to` does not (see renameNamed). */
export function canRename<T extends { readonly name: string }>(list: readonly T[], inScope: (x: T) => boolean, from: string, to: string): boolean {
  const has = (n: string) => list.some((x) => inScope(x) && x.name === n);
  return has(from) && !has(to);
}
