import { noRenames, relKey, type Catalog, type Renames } from '../model';
import type { Change } from './changes';
import { diffConstraints } from './constraints';
import { diffEnums, enumRemaps, withRemappedDefaults } from './enums';
import { diffExtensions } from './extensions';
import { diffIndexes } from './indexes';
import { applyRenames } from './renames';
import { diffSchemas } from './schemas';
import { diffTables } from './tables';
import { applyTypeObjectRenames, followRenames } from './type-object-renames';
import { diffTypeObjects } from './type-objects';

/**
 * Everything that turns `from` into `to`, as typed changes in no particular order (the planner orders
 * them by dependencies). Both catalogs must be normalized the same way (introspected from Postgres).
 */
export function diffCatalogs(from: Catalog, to: Catalog, renames: Renames = noRenames): Change[] {
  const renamedTypes = applyTypeObjectRenames(from, renames);
  const renamed = applyRenames(renamedTypes.catalog, renames);
  const a = followRenames(renamed.catalog, renames);
  const toKeys = new Set(to.tables.map(relKey));
  const fromKeys = new Set(a.tables.map(relKey));
  const fate = {
    created: new Set([...toKeys].filter((k) => !fromKeys.has(k))),
    dropped: new Set([...fromKeys].filter((k) => !toKeys.has(k))),
  };
  return [
    ...renamedTypes.changes,
    ...renamed.changes,
    ...diffSchemas(a, to),
    ...diffExtensions(a, to),
    ...diffEnums(a, to, enumRemaps(renames)),
    ...diffTables(withRemappedDefaults(a, renames), to),
    ...diffConstraints(a, to, fate),
    ...diffIndexes(a, to),
    ...diffTypeObjects(a, to),
  ];
}
