import type { Catalog } from '../model';
import { unifiedDiffs } from './text-diff';

/**
 * Drift as a diff of declarations: both catalogs printed as `schema/*.ts` files (pull's layout, one file per
 * table) and compared file by file. `a/` is the schema the applied migrations produce, `b/` the database.
 * Null when a catalog holds objects pull cannot declare (the summary above still names every change).
 */
export function declarationDiff(expected: Catalog, actual: Catalog, maxFiles = 20): { text: string; files: number } | null {
  // ts-morph is loaded only here (and only when there is drift).
  const { renderPull } = require('../generators') as typeof import('../generators');
  let before: Map<string, string>;
  let after: Map<string, string>;
  try {
    before = renderPull(expected);
    after = renderPull(actual);
  } catch {
    return null;
  }
  const changed = [...new Set([...before.keys(), ...after.keys()])].sort().filter((p) => before.get(p) !== after.get(p));
  const text = unifiedDiffs(
    changed.slice(0, maxFiles),
    (p) => before.get(p),
    (p) => after.get(p),
  );
  const more = changed.length > maxFiles ? `\n\n… and ${changed.length - maxFiles} more file(s).` : '';
  return { text: text + more, files: changed.length };
}
