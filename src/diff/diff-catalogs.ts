import { noRenames, relKey, type Catalog, type Renames } from '../model';
import type { Change } from './changes';
import { diffConstraints } from './constraints';
import { diffDefaultPrivileges } from './default-privileges';
import { diffEnums, enumRemaps, withRemappedDefaults } from './enums';
import { withEnumReaders } from './enum-readers';
import { diffExtensions } from './extensions';
import { diffIndexes } from './indexes';
import { followImplicitNames } from './implicit-renames';
import { keepPartitionIndexesApart } from './partition-adoption';
import { completePartitionIndexes } from './partition-complete';
import { namePartitionParts } from './partition-part-names';
import { attachPartitionIndexes, withAttachedKeys } from './partition-attach';
import { applyRenames } from './renames';
import { applyObjectRenames } from './object-renames';
import { regrantRecreated } from './regrant';
import { diffReplication, followPublicationRenames, republishRecreated } from './replication';
import { followRenamesInUses } from './rename-uses';
import { supersededRenames } from './expression-dependents';
import { expandSerialClashes } from './serial-sequences';
import { diffProgrammable } from './programmable';
import { diffSchemas } from './schemas';
import { diffTables } from './tables';
import { revokeImpliedGrants } from './implied-grants';
import { applyTypeObjectRenames, followRenames } from './type-object-renames';
import { diffTypeObjects } from './type-objects';
import { diffStatistics } from './statistics';
import { diffTextSearch } from './text-search';
import { cascadeTypeRecreations } from './type-cascade';
import { recordOnlineParts } from './partition-online';
import { diffPolicies, diffTableShapes, splitRecreatedTables, withParentMoves } from './table-shapes';

/**
 * Everything that turns `from` into `to`, as typed changes in no particular order (the planner orders
 * them by dependencies). Both catalogs must be normalized the same way (introspected from Postgres).
 */
export function diffCatalogs(from: Catalog, target: Catalog, renames: Renames = noRenames): Change[] {
  const renamedTypes = applyTypeObjectRenames(from, renames);
  const renamed = applyRenames(renamedTypes.catalog, renames);
  const objects = applyObjectRenames(renamed.catalog, renames);
  const implicit = followImplicitNames(objects.catalog, target, renamed.changes);
  const [expanded, to] = expandSerialClashes(implicit.catalog, target);
  const renameChanges = [...renamedTypes.changes, ...renamed.changes, ...objects.changes, ...implicit.changes];
  const a = followPublicationRenames(followRenamesInUses(withParentMoves(followRenames(expanded, renames), to), renameChanges), renames);
  const base: Change[] = [...renameChanges, ...splitRecreatedTables(a, to).flatMap(([x, y]) => diffRenamed(x, y, renames))];
  const all = [...base, ...diffProgrammable(a, to, base)];
  const superseded = supersededRenames(all);
  const kept = withEnumReaders(superseded.size === 0 ? all : all.filter((c) => !superseded.has(c)), a);
  return [...kept, ...regrantRecreated(kept, a, to), ...revokeImpliedGrants(kept, a, to), ...republishRecreated(kept, a, to), ...diffDefaultPrivileges(a, to)];
}

/** The changes between two catalogs once renames are applied. */
function diffRenamed(a: Catalog, to: Catalog, renames: Renames): Change[] {
  const toKeys = new Set(to.tables.map(relKey));
  const fromKeys = new Set(a.tables.map(relKey));
  const fate = {
    created: new Set([...toKeys].filter((k) => !fromKeys.has(k))),
    dropped: new Set([...fromKeys].filter((k) => !toKeys.has(k))),
  };
  const changes = attachPartitionIndexes(
    cascadeTypeRecreations(a, to, [
      ...diffSchemas(a, to),
      ...diffExtensions(a, to),
      ...diffEnums(a, to, enumRemaps(renames)),
      ...diffTables(withRemappedDefaults(a, renames), to),
      ...diffConstraints(a, to, fate),
      ...diffIndexes(a, to),
      ...diffTypeObjects(a, to),
      ...diffTableShapes(a, to),
      ...diffPolicies(a, to),
      ...diffReplication(a, to),
      ...diffStatistics(a, to),
      ...diffTextSearch(a, to),
    ]),
    to,
  );
  const named = namePartitionParts(completePartitionIndexes(keepPartitionIndexesApart(withAttachedKeys(changes, a, to), a, to), a, to), a, to);
  return recordOnlineParts(named, a, to);
}
