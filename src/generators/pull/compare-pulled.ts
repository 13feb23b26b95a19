/** How pulled files relate to what the output directory holds. */
export interface PullDrift {
  /** Pulled files the directory does not have yet. */
  readonly added: readonly string[];
  /** Files the directory has with other content: writing would overwrite them (edits would be lost). */
  readonly changed: readonly string[];
  /** Files already identical. */
  readonly unchanged: readonly string[];
  /** `.ts` files in the directory that the pull did not produce (left alone; they are still loaded). */
  readonly other: readonly string[];
}

/** Compares pulled files with the existing ones (relative path → content); pure, the caller reads the directory. */
export function comparePulled(pulled: ReadonlyMap<string, string>, existing: ReadonlyMap<string, string>): PullDrift {
  const added: string[] = [];
  const changed: string[] = [];
  const unchanged: string[] = [];
  for (const [path, content] of pulled) {
    const old = existing.get(path);
    if (old === undefined) added.push(path);
    else if (old === content) unchanged.push(path);
    else changed.push(path);
  }
  const other = [...existing.keys()].filter((p) => !pulled.has(p) && p.endsWith('.ts')).sort();
  return { added: added.sort(), changed: changed.sort(), unchanged: unchanged.sort(), other };
}
