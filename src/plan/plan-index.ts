import type { CreateIndex, DropIndex, RenameIndex } from '../diff';
import { relKey, type Constraint, type Index } from '../model';
import {
  addConstraintSql,
  attachPartitionIndexSql,
  createIndexConcurrentlySql,
  createIndexOnlySql,
  createIndexSql,
  dropIndexConcurrentlySql,
  dropIndexSql,
  renameIndexSql,
} from '../sql';
import { isNewTable, isOnlineTable, type PlanContext } from './context';
import { columnNode, relNode, routineCallNeeds, schemaNode, uniqueKeyNode } from './graph-keys';
import { tableLock } from './locks';
import { hazard, Phase, plannedStep, statements, type PlannedStep } from './planned-step';
import { restoreComment, restoreConstraintComments } from './comment-step';
import { constraintNodes } from './plan-constraint';
import { planCreatePartitionedIndexOnline } from './online-partitioned';

/** Adds partitions' keys back (with their comments): before their parent's index is built, which attaches them. */
function addKeys(keys: readonly Constraint[]): string[] {
  return keys.map((k) => statements(addConstraintSql(k), restoreConstraintComments(k)));
}

/** Keys an index depends on: schema, table, and the plain columns among its keys and INCLUDE list. */
function indexNeeds(i: Index): string[] {
  const cols = [...i.keys.map((k) => k.column).filter((c): c is string => c !== null), ...i.include];
  // The routines its expressions and predicate call: created before it, dropped after it.
  const calls = [...i.keys.map((k) => k.expression), i.where].flatMap(routineCallNeeds);
  return [schemaNode(i.schema), relNode(i.schema, i.table), ...cols.map((c) => columnNode(i.schema, i.table, c)), ...calls];
}

/** Keys an index creates: its relation, and for a plain unique index the unique key foreign keys may reference. */
function indexNodes(i: Index): string[] {
  const plain = i.unique && i.where === null && i.keys.every((k) => k.column !== null);
  return [
    relNode(i.schema, i.name),
    ...(plain
      ? [
          uniqueKeyNode(
            i.schema,
            i.table,
            i.keys.map((k) => k.column!),
          ),
        ]
      : []),
  ];
}

/** CREATE INDEX in the migration transaction; online, CONCURRENTLY (see planCreateIndexConcurrently). */
export function planCreateIndex(c: CreateIndex, ctx: PlanContext): PlannedStep[] {
  const i = c.index;
  if (isOnlineTable(ctx, i.schema, i.table) && c.only !== true)
    return c.onlineParts ? planCreatePartitionedIndexOnline(c, c.onlineParts, ctx, indexNeeds(i), indexNodes(i)) : planCreateIndexConcurrently(c, ctx);
  const object = relKey(i);
  // ON ONLY a partitioned table builds nothing.
  const hazards =
    isNewTable(ctx, i.schema, i.table) || c.only === true
      ? []
      : [
          hazard('index-build', object, `building the index blocks writes to ${relKey({ schema: i.schema, name: i.table })} meanwhile`),
          ...(i.unique ? [hazard('may-fail-on-data', object, 'a unique index fails if existing rows have duplicates')] : []),
        ];
  // Dropping a partitioned table's index drops the partitions' indexes it attached: the reverse rebuilds them.
  const reattach = (c.attaches ?? []).map((x) => statements(createIndexSql(x), restoreComment({ kind: 'Index', schema: x.schema, name: x.name }, x.comment)));
  // Partitions' own keys the index adopts: they exist first, and its reverse drops them with it, then adds them back.
  const keys = c.attachedKeys ?? [];
  return [
    plannedStep(c, {
      sql: (c.only === true ? createIndexOnlySql : createIndexSql)(i),
      reverse: statements(dropIndexSql(i, keys.length > 0), ...addKeys([...keys, ...(c.keyReferences ?? [])]), ...reattach),
      hazards,
      object,
      op: '+',
      phase: Phase.CreateIndex,
      // It creates the keys' unique-key nodes too: foreign keys referencing them come after it (its reverse drops them).
      creates: [...indexNodes(i), ...keys.flatMap((k) => constraintNodes(k).slice(2))],
      // The partitions' indexes it adopts (made first when the plan makes them) come before it.
      needs: [...indexNeeds(i), ...keys.flatMap(constraintNodes), ...[...(c.afterParents ?? []), ...(c.attaches ?? [])].map((p) => relNode(p.schema, p.name))],
      locks: tableLock(ctx, i.schema, i.table, 'SHARE', { scan: true }),
    }),
  ];
}

/**
 * Online: CREATE INDEX CONCURRENTLY, outside any transaction, after the main transaction. A build that
 * fails (lock timeout, duplicates) leaves an INVALID index behind, so it is preceded by a DROP INDEX
 * CONCURRENTLY IF EXISTS: running the pair again (retry, or re-running the migration) starts clean.
 * Introspection ignores invalid indexes, so a re-plan after a failure plans the pair again.
 */
function planCreateIndexConcurrently(c: CreateIndex, ctx: PlanContext): PlannedStep[] {
  const i = c.index;
  const object = relKey(i);
  const table = relKey({ schema: i.schema, name: i.table });
  const base = { object, op: '+' as const, phase: Phase.Online, transactional: false, needs: indexNeeds(i) };
  return [
    plannedStep(c, { ...base, sql: dropIndexConcurrentlySql(i, true), reverse: '', locks: tableLock(ctx, i.schema, i.table, 'SHARE UPDATE EXCLUSIVE') }),
    plannedStep(c, {
      ...base,
      sql: createIndexConcurrentlySql(i),
      reverse: dropIndexSql(i),
      creates: indexNodes(i),
      hazards: [
        hazard('index-build', object, `builds the index concurrently: ${table} stays writable, the build takes longer and loads the server`),
        ...(i.unique
          ? [hazard('may-fail-on-data', object, 'a unique index fails if existing rows have duplicates (it is left invalid, and dropped on retry)')]
          : []),
      ],
      locks: tableLock(ctx, i.schema, i.table, 'SHARE UPDATE EXCLUSIVE', { scan: true }),
    }),
  ];
}

/**
 * How a dropped index comes back: the partitions' keys attached to it and its parts under their names first (the
 * parent's index adopts them; left incomplete, ON ONLY the parent and each attached); one none of whose
 * partitions had a part ON ONLY the parent; one whose parts' names are not known (no partitionIndexParts) not at all.
 */
function dropIndexReverse(c: DropIndex, comment: string | null): { reverse: string | null; irreversible?: string } {
  const i = c.index;
  const [keys, parts] = [c.attachedKeys ?? [], [...(c.subParts ?? []), ...(c.parts ?? [])]];
  if (c.incomplete !== undefined && parts.length + keys.length > 0) {
    const attach = (x: { schema: string; name: string }) => attachPartitionIndexSql({ schema: i.schema, name: i.name }, x);
    return {
      reverse: statements(
        createIndexOnlySql(i),
        ...addKeys(keys),
        ...parts.map((x) => createIndexSql(x)),
        ...[...keys, ...(c.parts ?? [])].map(attach),
        comment,
      ),
    };
  }
  if (c.incomplete === 'lossy')
    return { reverse: null, irreversible: 'some partitions had their part of the index attached, under names the plan does not know' };
  return {
    reverse: statements(
      ...addKeys(keys),
      ...parts.map((x) => createIndexSql(x)),
      (c.incomplete === 'restorable' ? createIndexOnlySql : createIndexSql)(i),
      comment,
    ),
  };
}

/** DROP INDEX (before the columns it covers are dropped); online, CONCURRENTLY outside the transaction. */
export function planDropIndex(c: DropIndex, ctx: PlanContext): PlannedStep[] {
  const i = c.index;
  const comment = restoreComment({ kind: 'Index', schema: i.schema, name: i.name }, i.comment);
  // A partitioned table's index takes the partitions' own keys attached to it along (CASCADE, and no
  // CONCURRENTLY, which partitioned indexes refuse); the reverse adds them back first, so it adopts them.
  const keys = c.attachedKeys ?? [];
  const online = isOnlineTable(ctx, i.schema, i.table) && keys.length === 0 && c.partitioned !== true;
  // Online, a partitioned table's index is dropped in a transaction all the same: only briefly, as nothing is scanned.
  const hazards =
    ctx.online && c.partitioned === true
      ? [
          hazard(
            'access-exclusive-lock',
            relKey(i),
            'Postgres refuses DROP INDEX CONCURRENTLY on a partitioned index: it is dropped with its parts under ACCESS EXCLUSIVE on the table and its partitions (briefly, nothing is scanned)',
          ),
        ]
      : [];
  return [
    plannedStep(c, {
      sql: online ? dropIndexConcurrentlySql(i) : dropIndexSql(i, keys.length > 0),
      ...dropIndexReverse(c, comment),
      hazards,
      object: relKey(i),
      op: '-',
      phase: Phase.DropIndex,
      transactional: !online,
      drops: [...indexNodes(i), ...keys.flatMap(constraintNodes)],
      needs: indexNeeds(i),
      locks: tableLock(null, i.schema, i.table, online ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE'),
    }),
  ];
}

/** ALTER INDEX … RENAME TO (SHARE UPDATE EXCLUSIVE on the index since PostgreSQL 12: reads and writes go on). */
export function planRenameIndex(c: RenameIndex): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: renameIndexSql(c.schema, c.from, c.to),
      reverse: renameIndexSql(c.schema, c.to, c.from),
      object: relKey({ schema: c.schema, name: c.to }),
      op: '~',
      phase: Phase.Rename,
      drops: [relNode(c.schema, c.from)],
      creates: [relNode(c.schema, c.to)],
      needs: (c.after ?? []).map((x) => relNode(x.schema, x.name)),
    }),
  ];
}
