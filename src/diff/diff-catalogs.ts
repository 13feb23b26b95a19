import { noRenames, relKey, type Catalog, type Renames } from '../model';
import type { Change } from './changes';
import { diffConstraints } from './constraints';
import { diffEnums } from './enums';
import { diffExtensions } from './extensions';
import { diffIndexes } from './indexes';
import { applyRenames } from './renames';
import { diffSchemas } from './schemas';
import { diffTables } from './tables';
import { diffPolicies, diffTableShapes, splitRecreatedTables, withParentMoves } from './table-shapes';

/**
 * Everything that turns `from` into `to`, as typed changes in no particular order (the planner orders
 * them by dependencies). Both catalogs must be normalized the same way (introspected from Postgres).
 */
export function diffCatalogs(from: Catalog, to: Catalog, renames: Renames = noRenames): Change[] {
  const renamed = applyRenames(from, renames);
  const split = splitRecreatedTables(withParentMoves(renamed.catalog, to), to);
  return [...renamed.changes, ...split.flatMap(([a, b]) => diffRenamed(a, b))];
}

/** The changes between two catalogs once renames are applied. */
function diffRenamed(a: Catalog, to: Catalog): Change[] {
  const toKeys = new Set(to.tables.map(relKey));
  const fromKeys = new Set(a.tables.map(relKey));
  const fate = {
    created: new Set([...toKeys].filter((k) => !fromKeys.has(k))),
    dropped: new Set([...fromKeys].filter((k) => !toKeys.has(k))),
  };
  return [
    ...diffSchemas(a, to),
    ...diffExtensions(a, to),
    ...diffEnums(a, to),
    ...diffTables(a, to),
    ...diffConstraints(a, to, fate),
    ...diffIndexes(a, to),
    ...diffTableShapes(a, to),
    ...diffPolicies(a, to),
  ];
}
