import type { AddConstraint, CreateIndex, OnlinePart } from '../diff';
import { constraintKey, relKey, type Index, type PrimaryKey, type Unique } from '../model';
import {
  addConstraintOnlySql,
  addConstraintUsingIndexSql,
  attachPartitionIndexSql,
  createIndexConcurrentlySql,
  createIndexOnlySql,
  dropConstraintSql,
  dropIndexConcurrentlySql,
  dropIndexIfExistsSql,
  dropIndexSql,
} from '../sql';
import type { PlanContext } from './context';
import { relNode } from './graph-keys';
import { tableLock } from './locks';
import { hazard, Phase, plannedStep, statements, type PlannedStep, type StepSpec } from './planned-step';

type Base = Pick<StepSpec, 'object' | 'op' | 'creates' | 'needs'>;

/**
 * The steps of one part (top down, after its parent): a partitioned partition's part ON ONLY it (its key ALTER
 * TABLE ONLY), a leaf's built CONCURRENTLY outside any transaction (after a DROP … IF EXISTS of a failed
 * build's leftover) and, for a key, made the leaf's key USING INDEX; then attached to its parent, which becomes
 * valid once all its parts are. Reverses are empty: the parent's reverse drops the parts with it.
 */
function partSteps(c: CreateIndex | AddConstraint, x: OnlinePart, ctx: PlanContext, base: Base): PlannedStep[] {
  const i = x.index;
  const key = x.key && (x.key.kind === 'PrimaryKey' || x.key.kind === 'Unique') ? x.key : null;
  const object = relKey(i);
  const step = { ...base, creates: [], phase: Phase.Online, reverse: '' };
  // An adopted part is the plan's own index on the partition: it exists first.
  const needs = x.adopted ? [...(base.needs ?? []), relNode(i.schema, i.name)] : base.needs;
  const attach = plannedStep(c, { ...step, needs, sql: attachPartitionIndexSql(x.parent, i), locks: tableLock(ctx, i.schema, i.table, 'ACCESS SHARE') });
  if (x.adopted) return [attach];
  if (x.partitioned) {
    const sql = key ? addConstraintOnlySql(key) : createIndexOnlySql(i);
    return [plannedStep(c, { ...step, sql, locks: tableLock(ctx, i.schema, i.table, key ? 'ACCESS EXCLUSIVE' : 'SHARE') }), attach];
  }
  const table = relKey({ schema: i.schema, name: i.table });
  return [
    plannedStep(c, {
      ...step,
      transactional: false,
      sql: dropIndexConcurrentlySql(i, true),
      locks: tableLock(ctx, i.schema, i.table, 'SHARE UPDATE EXCLUSIVE'),
    }),
    plannedStep(c, {
      ...step,
      transactional: false,
      sql: createIndexConcurrentlySql(i),
      hazards: [
        hazard('index-build', object, `builds the partition's part concurrently: ${table} stays writable, the build takes longer and loads the server`),
        ...(i.unique
          ? [hazard('may-fail-on-data', object, 'a unique index fails if existing rows have duplicates (it is left invalid, and dropped on retry)')]
          : []),
      ],
      locks: tableLock(ctx, i.schema, i.table, 'SHARE UPDATE EXCLUSIVE', { scan: true }),
    }),
    ...(key
      ? [
          plannedStep(c, {
            ...step,
            sql: addConstraintUsingIndexSql(key),
            locks: tableLock(ctx, i.schema, i.table, 'ACCESS EXCLUSIVE', { scan: key.kind === 'PrimaryKey' }),
          }),
        ]
      : []),
    attach,
  ];
}

/** Parts left unattached by a failed run: dropped after the parent (a leaf's key with its index). */
function leftovers(parts: readonly OnlinePart[]): string[] {
  return parts.filter((x) => !x.adopted).flatMap((x) => [...(x.key ? [dropConstraintSql(x.key, true)] : []), dropIndexIfExistsSql(x.index)]);
}

/**
 * Online, a partitioned table's new index: Postgres refuses CREATE INDEX CONCURRENTLY on it, so it is made ON
 * ONLY the parent (invalid, nothing built, a moment's SHARE lock), then each partition's part (partSteps).
 */
export function planCreatePartitionedIndexOnline(
  c: CreateIndex,
  parts: readonly OnlinePart[],
  ctx: PlanContext,
  needs: readonly string[],
  creates: readonly string[],
): PlannedStep[] {
  const i: Index = c.index;
  const base: Base = { object: relKey(i), op: '+', creates: [], needs: [...needs] };
  return [
    plannedStep(c, {
      ...base,
      creates: [...creates],
      sql: createIndexOnlySql(i),
      reverse: statements(dropIndexSql(i), ...leftovers(parts)),
      phase: Phase.Online,
      locks: tableLock(ctx, i.schema, i.table, 'SHARE'),
    }),
    ...parts.flatMap((x) => partSteps(c, x, ctx, { ...base, needs: [...base.needs!, relNode(i.schema, i.name)] })),
  ];
}

/**
 * Online, a partitioned table's new primary key or unique constraint: ADD CONSTRAINT … USING INDEX is refused on
 * partitioned tables, so the key is added ONLY to the parent (its index invalid, nothing built), and each
 * partition's part built and made the partition's key (partSteps), then attached.
 */
export function planAddPartitionedKeyOnline(
  c: AddConstraint,
  k: PrimaryKey | Unique,
  parts: readonly OnlinePart[],
  ctx: PlanContext,
  base: Base,
): PlannedStep[] {
  const parent = plannedStep(c, {
    ...base,
    sql: addConstraintOnlySql(k),
    reverse: statements(dropConstraintSql(k), ...leftovers(parts)),
    phase: Phase.Online,
    hazards: k.kind === 'PrimaryKey' ? [hazard('may-fail-on-data', constraintKey(k), 'the primary key fails if existing rows have duplicates or nulls')] : [],
    locks: tableLock(ctx, k.schema, k.table, 'ACCESS EXCLUSIVE'),
  });
  return [parent, ...parts.flatMap((x) => partSteps(c, x, ctx, { ...base, creates: [], needs: [...(base.needs ?? []), relNode(k.schema, k.name)] }))];
}
