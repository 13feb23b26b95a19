import type { AlterColumn } from '../diff';
import { columnKey, generationOf, type Column, type SequenceType } from '../model';
import {
  addColumnSql,
  alterColumnSql,
  alterSerialSequenceTypeSql,
  createOwnedSequenceSql,
  dropColumnSql,
  dropSequenceSql,
  isSerial,
  nextvalDefault,
  identityOptionsSetSql,
  identitySequenceRegclassSql,
  parksUnusedSequence,
  parkUnusedSequenceSql,
  serialSequenceName,
  storageType,
  type ColumnAction,
} from '../sql';
import { isOnlineTable, type PlanContext } from './context';
import { columnDefinitionNeeds } from './column-needs';
import { columnNode, columnTypeNode, relNode, typeNeeds } from './graph-keys';
import { tableLock } from './locks';
import { planSetNotNullOnline } from './online-not-null';
import { addColumnHazards, addColumnLocks } from './plan-column';
import { hazard, Phase, plannedStep, statements, type PlannedStep, type StepSpec } from './planned-step';
import { analyzeTypeChange } from './type-change';
import type { Hazard } from './types';

/** The sequence type of an integer column type (`integer`), null for any other type. */
const sequenceTypeOf = (type: string): SequenceType | null => (type === 'smallint' || type === 'integer' || type === 'bigint' ? type : null);

/** `pg_catalog."default"`: the collation to name when a column goes back to its type's default. */
const DEFAULT_COLLATION = 'pg_catalog."default"';

/**
 * Changes of one column's attributes, each its own statement with its exact inverse, in an order that
 * works: identity and defaults are dropped first, the type changed, NOT NULL set, then defaults and
 * identity added. A default is dropped and set again around a type change (the old default may not cast).
 * Serial columns are their integer type plus an owned sequence and a `nextval` default.
 */
export function planAlterColumn(c: AlterColumn, ctx: PlanContext): PlannedStep[] {
  if (generationOf(c.from) !== generationOf(c.to)) return planRegenerate(c, ctx);
  const { schema, table, from, to } = c;
  const object = columnKey(schema, table, to.name);
  const seq = serialSequenceName(table, to.name);
  const effDefault = (col: Column) => col.default ?? (isSerial(col.type) ? nextvalDefault(schema, seq) : null);
  const [fromType, toType] = [storageType(from.type), storageType(to.type)];
  const [fromDefault, toDefault] = [effDefault(from), effDefault(to)];
  const typeChanges = fromType !== toType || from.collation !== to.collation;
  const needs = [relNode(schema, table), columnNode(schema, table, to.name), ...columnDefinitionNeeds(from, false), ...columnDefinitionNeeds(to)];
  const steps: PlannedStep[] = [];
  // Every ALTER COLUMN form takes ACCESS EXCLUSIVE; most only for a moment.
  const brief = tableLock(ctx, schema, table, 'ACCESS EXCLUSIVE');
  const add = (action: ColumnAction, inverse: ColumnAction, extra: Partial<StepSpec> = {}) =>
    steps.push(
      plannedStep(c, {
        sql: alterColumnSql(schema, table, to.name, action, c.only),
        reverse: alterColumnSql(schema, table, to.name, inverse, c.only),
        object,
        op: '~',
        phase: Phase.AlterColumn,
        needs,
        locks: brief,
        ...extra,
      }),
    );
  const raw = (sql: string, reverse: string) => steps.push(plannedStep(c, { sql, reverse, object, op: '~', phase: Phase.AlterColumn, needs }));

  if (from.identity !== null && to.identity === null)
    add({ kind: 'DropIdentity' }, { kind: 'AddIdentity', generation: from.identity, options: from.identityOptions });
  // The default is dropped around a type change (the old default may not cast) or when it goes away;
  // a plain change of default is a single SET DEFAULT.
  const dropsDefault = fromDefault !== null && (typeChanges || toDefault === null);
  if (dropsDefault) add({ kind: 'DropDefault' }, { kind: 'SetDefault', expression: fromDefault });
  if (isSerial(from.type) && !isSerial(to.type)) raw(dropSequenceSql(schema, seq), createOwnedSequenceSql(schema, seq, fromType, table, to.name));
  if (from.notNull && !to.notNull) add({ kind: 'DropNotNull' }, { kind: 'SetNotNull' });
  if (typeChanges) {
    const t = analyzeTypeChange(to.name, fromType, toType);
    const back = analyzeTypeChange(to.name, toType, fromType);
    const collation = (col: Column, other: Column) => col.collation ?? (other.collation !== null ? DEFAULT_COLLATION : null);
    const hazards: Hazard[] = [];
    if (t.rewrite) {
      hazards.push(
        hazard('table-rewrite', object, `changing the type from ${fromType} to ${toType} rewrites the table`),
        hazard('access-exclusive-lock', object, 'the table is locked (ACCESS EXCLUSIVE) while it is rewritten'),
      );
    }
    if (t.mayFail) hazards.push(hazard('may-fail-on-data', object, `existing values may not convert from ${fromType} to ${toType}`));
    if (t.lossy) hazards.push(hazard('deletes-data', object, `converting ${fromType} to ${toType} changes stored values: ${t.loss}`));
    add(
      { kind: 'SetType', type: toType, collation: collation(to, from), using: t.using },
      { kind: 'SetType', type: fromType, collation: collation(from, to), using: back.using },
      // Views reading the column forbid the type change: they are dropped before it and created after.
      {
        hazards,
        locks: tableLock(ctx, schema, table, 'ACCESS EXCLUSIVE', { rewrite: t.rewrite, scan: t.rewrite || t.mayFail }),
        drops: [columnTypeNode(schema, table, to.name, 'alter')],
        creates: [columnTypeNode(schema, table, to.name, 'alter')],
      },
    );
  }
  // A serial that changes width (serial → bigserial) keeps its sequence: its type and bounds follow the column's.
  const [fromSeq, toSeq] = [sequenceTypeOf(fromType), sequenceTypeOf(toType)];
  if (isSerial(from.type) && isSerial(to.type) && fromSeq !== null && toSeq !== null && fromSeq !== toSeq)
    raw(alterSerialSequenceTypeSql(schema, seq, fromSeq, toSeq), alterSerialSequenceTypeSql(schema, seq, toSeq, fromSeq));
  if (isSerial(to.type) && !isSerial(from.type)) raw(createOwnedSequenceSql(schema, seq, toType, table, to.name), dropSequenceSql(schema, seq));
  // Online, NOT NULL goes through a validated check, last (an identity needs the column NOT NULL first).
  const notNullOnline = to.notNull && !from.notNull && isOnlineTable(ctx, schema, table) && !(to.identity !== null && from.identity === null);
  if (to.notNull && !from.notNull && !notNullOnline) {
    add(
      { kind: 'SetNotNull' },
      { kind: 'DropNotNull' },
      {
        locks: tableLock(ctx, schema, table, 'ACCESS EXCLUSIVE', { scan: true }),
        hazards: [
          hazard('may-fail-on-data', object, 'SET NOT NULL fails if the column holds nulls'),
          hazard('access-exclusive-lock', object, 'SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock'),
        ],
      },
    );
  }
  if (toDefault !== null && (toDefault !== fromDefault || typeChanges)) {
    add(
      { kind: 'SetDefault', expression: toDefault },
      fromDefault === null || dropsDefault ? { kind: 'DropDefault' } : { kind: 'SetDefault', expression: fromDefault },
    );
  }
  if (to.identity !== null && from.identity === null)
    add({ kind: 'AddIdentity', generation: to.identity, options: to.identityOptions }, { kind: 'DropIdentity' });
  // The options of a kept identity (a type change adjusts the sequence's type and default bounds itself).
  const [fromOpts, toOpts] = [from.identityOptions, to.identityOptions];
  if (from.identity !== null && to.identity !== null && fromOpts !== null && toOpts !== null) {
    const adjusted = { ...fromOpts, type: toOpts.type };
    if (identityOptionsSetSql(adjusted, toOpts).length > 0) {
      // A never-called sequence outside the new bounds is first moved to the new START (each direction).
      const regclass = identitySequenceRegclassSql(schema, table, to.name);
      const set = (a: typeof toOpts, b: typeof toOpts) =>
        statements(
          parksUnusedSequence(a, b) ? parkUnusedSequenceSql(regclass, b.start) : null,
          alterColumnSql(schema, table, to.name, { kind: 'SetIdentityOptions', from: a, to: b }),
        );
      add(
        { kind: 'SetIdentityOptions', from: adjusted, to: toOpts },
        { kind: 'SetIdentityOptions', from: toOpts, to: adjusted },
        {
          sql: set(adjusted, toOpts),
          reverse: set(toOpts, adjusted),
          hazards:
            BigInt(toOpts.min) > BigInt(adjusted.min) || BigInt(toOpts.max) < BigInt(adjusted.max)
              ? [hazard('may-fail-on-data', object, 'fails if the current value of its sequence lies outside the new bounds')]
              : [],
        },
      );
    }
  }
  if (to.identity !== null && from.identity !== null && to.identity !== from.identity) {
    add({ kind: 'SetGeneration', generation: to.identity }, { kind: 'SetGeneration', generation: from.identity });
  }
  if (notNullOnline) steps.push(...planSetNotNullOnline(c, ctx, needs));
  return steps;
}

/**
 * A change of a stored generated column's expression. Dropping the expression is in place (PostgreSQL
 * ≥ 13, the column keeps its values); adding or changing one needs the column dropped and added again
 * (SET EXPRESSION exists only from PostgreSQL 17), which also drops indexes and constraints on it.
 */
function planRegenerate(c: AlterColumn, ctx: PlanContext): PlannedStep[] {
  const { schema, table, from, to } = c;
  const object = columnKey(schema, table, to.name);
  const node = columnNode(schema, table, to.name);
  const needs = [relNode(schema, table), ...typeNeeds(from.type), ...typeNeeds(to.type)];
  // DROP EXPRESSION takes stored columns only: a virtual one has no values to keep.
  if (to.generated === null && from.virtual !== true) {
    const first = plannedStep(c, {
      sql: alterColumnSql(schema, table, to.name, { kind: 'DropExpression' }),
      reverse: statements(dropColumnSql(schema, table, from.name), addColumnSql(schema, table, from)),
      object,
      op: '~',
      phase: Phase.AlterColumn,
      needs: [...needs, node],
      locks: tableLock(ctx, schema, table, 'ACCESS EXCLUSIVE'),
    });
    const rest = planAlterColumn({ ...c, from: { ...from, generated: null } }, ctx);
    return [first, ...rest];
  }
  const drop = plannedStep(c, {
    sql: dropColumnSql(schema, table, from.name),
    reverse: addColumnSql(schema, table, from),
    hazards:
      from.generated === null
        ? [hazard('deletes-data', object, 'the column is dropped and added again as a generated column: its data is replaced')]
        : to.generated === null
          ? [hazard('deletes-data', object, 'the virtual generated column is dropped and added again as a plain one: it holds nulls then')]
          : [],
    object,
    op: '-',
    phase: Phase.AlterColumn,
    drops: [node],
    needs,
    locks: tableLock(ctx, schema, table, 'ACCESS EXCLUSIVE'),
  });
  const add = plannedStep(c, {
    sql: addColumnSql(schema, table, to),
    reverse: dropColumnSql(schema, table, to.name),
    hazards: addColumnHazards(schema, table, to, ctx),
    object,
    op: '+',
    phase: Phase.AlterColumn,
    creates: [node],
    needs,
    locks: addColumnLocks(schema, table, to, ctx),
  });
  return [drop, add];
}
