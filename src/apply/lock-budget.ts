import { queryRow, type Db } from '../db';
import type { Change } from '../diff';
import { aggregateKey, relKey, routineKey, type Column, type Constraint, type Table } from '../model';
import type { Step } from '../plan';
import { assertNever } from '../util';

/**
 * Postgres keeps every lock a transaction takes until it ends, in a shared lock table sized
 * max_locks_per_transaction × (max_connections + max_prepared_transactions) (plus some slack for
 * background processes). Creating a table locks the table, its TOAST table and TOAST index, its indexes
 * and sequences, so with the defaults (64 × 100) one transaction fails with "out of shared memory"
 * after roughly 1,400–1,600 new tables. The planner estimates the locks before running anything.
 */
export interface LockSettings {
  readonly maxLocksPerTransaction: number;
  readonly maxConnections: number;
  readonly maxPreparedTransactions: number;
}

/**
 * Fraction of the nominal lock table one migration transaction may use: other sessions need locks too.
 * Measured on PG15 with defaults: a transaction creating the 1,000-table bench schema (~12,100 estimated
 * locks) failed after ~75% of it (~9,000 locks), so the real capacity is above the nominal 6,400 and 80% of
 * nominal keeps a margin without refusing plans that would succeed.
 */
export const DEFAULT_LOCK_BUDGET_FRACTION = 0.8;

/** Reads the settings that size the lock table (PGlite reports the server defaults: 64, 100, 0). */
export async function readLockSettings(db: Db): Promise<LockSettings> {
  const r = await queryRow<{ l: string; c: string; p: string }>(
    db,
    "SELECT current_setting('max_locks_per_transaction') AS l, current_setting('max_connections') AS c, current_setting('max_prepared_transactions') AS p",
  );
  return { maxLocksPerTransaction: Number(r.l), maxConnections: Number(r.c), maxPreparedTransactions: Number(r.p) };
}

/** Number of locks one transaction may take under these settings and budget fraction. */
export function lockBudget(s: LockSettings, fraction = DEFAULT_LOCK_BUDGET_FRACTION): number {
  return Math.max(1, Math.floor(s.maxLocksPerTransaction * (s.maxConnections + s.maxPreparedTransactions) * fraction));
}

/** Fixed-width types never get a TOAST table; any other column type gives the table one. */
const FIXED = new Set([
  'smallint',
  'integer',
  'bigint',
  'smallserial',
  'serial',
  'bigserial',
  'boolean',
  'real',
  'double precision',
  'date',
  'timestamp without time zone',
  'timestamp with time zone',
  'time without time zone',
  'uuid',
  'money',
  'oid',
  '"char"',
]);

const rel = (schema: string, name: string) => `rel:${relKey({ schema, name })}`;

/** Locked objects of a table (with TOAST), its key indexes and its sequences. */
function tableObjects(t: Table, constraints: readonly Constraint[]): string[] {
  const out = [rel(t.schema, t.name)];
  if (t.columns.some((c) => !FIXED.has(c.type.replace(/\(\d+\)/, '')))) out.push(`toast:${relKey(t)}`, `toast-index:${relKey(t)}`);
  for (const c of constraints) if (c.kind === 'PrimaryKey' || c.kind === 'Unique') out.push(rel(c.schema, c.name));
  for (const c of t.columns) out.push(...sequenceObjects(t.schema, t.name, c));
  return out;
}

function sequenceObjects(schema: string, table: string, c: Column): string[] {
  return c.identity !== null || /serial$/.test(c.type) ? [`seq:${schema}.${table}.${c.name}`] : [];
}

function constraintObjects(c: Constraint): string[] {
  const out = [rel(c.schema, c.table)];
  if (c.kind === 'PrimaryKey' || c.kind === 'Unique' || c.kind === 'Exclusion') out.push(rel(c.schema, c.name));
  if (c.kind === 'ForeignKey') out.push(rel(c.refSchema, c.refTable));
  return out;
}

/** The objects a change's statements lock (each counted once per transaction). */
export function changeLockObjects(c: Change): string[] {
  switch (c.kind) {
    case 'CreateSchema':
    case 'DropSchema':
      return [`schema:${c.schema.name}`];
    case 'CreateExtension':
    case 'DropExtension':
      return [`extension:${c.extension.name}`];
    case 'AlterExtension':
      return [`extension:${c.to.name}`];
    case 'CreateEnum':
    case 'DropEnum':
      return [`type:${relKey(c.enum)}`];
    case 'RenameEnum':
      return [`type:${c.schema}.${c.from}`];
    case 'RenameEnumValue':
      return [`type:${c.schema}.${c.enum}`];
    case 'AddEnumValue':
      return [`type:${relKey(c.enum)}`];
    case 'RecreateEnum':
      return [`type:${relKey(c.from)}`, `type:${relKey(c.to)}`, ...c.columns.map((x) => rel(x.schema, x.table))];
    case 'CreateTable':
    case 'DropTable':
      return tableObjects(c.table, c.constraints);
    case 'RenameTable':
      return [rel(c.schema, c.from)];
    case 'AddColumn':
    case 'DropColumn':
      return [rel(c.schema, c.table), ...sequenceObjects(c.schema, c.table, c.column)];
    case 'AlterColumn':
      return [rel(c.schema, c.table), ...sequenceObjects(c.schema, c.table, c.to)];
    case 'RenameColumn':
      return [rel(c.schema, c.table)];
    case 'AddConstraint':
    case 'DropConstraint':
      return constraintObjects(c.constraint);
    case 'RenameConstraint':
      return [rel(c.schema, c.table)];
    case 'ValidateConstraint':
      return constraintObjects(c.constraint);
    case 'CreateIndex':
    case 'DropIndex':
      return [rel(c.index.schema, c.index.table), rel(c.index.schema, c.index.name)];
    case 'RenameIndex':
      return [rel(c.schema, c.from)];
    case 'SetComment':
      return [`comment:${JSON.stringify(c.target)}`];
    case 'CreateView':
    case 'DropView':
      return [rel(c.view.schema, c.view.name), ...c.view.dependsOn.map((d) => `dep:${JSON.stringify(d)}`)];
    case 'ReplaceView':
    case 'RefreshView':
    case 'AlterViewStorage':
    case 'AlterViewColumns':
      return [rel(c.to.schema, c.to.name)];
    case 'RenameView':
      return [rel(c.schema, c.from)];
    case 'CreateRoutine':
    case 'DropRoutine':
      return [`routine:${routineKey(c.routine)}`];
    case 'ReplaceRoutine':
      return [`routine:${routineKey(c.to)}`];
    case 'RenameRoutine':
      return [`routine:${routineKey({ schema: c.schema, name: c.from, identityArgs: c.identityArgs })}`];
    case 'AlterTrigger':
      return [rel(c.to.schema, c.to.table)];
    case 'CreateTrigger':
    case 'DropTrigger':
      return [rel(c.trigger.schema, c.trigger.table), `routine:${c.trigger.functionSchema}.${c.trigger.functionName}()`];
    case 'RenameTrigger':
      return [rel(c.schema, c.table)];
    case 'CreateRule':
    case 'DropRule':
      return [rel(c.rule.schema, c.rule.table)];
    case 'ReplaceRule':
      return [rel(c.to.schema, c.to.table)];
    case 'CreateEventTrigger':
    case 'DropEventTrigger':
      return [`event-trigger:${c.eventTrigger.name}`];
    case 'AlterEventTrigger':
      return [`event-trigger:${c.to.name}`];
    case 'CreateSequence':
    case 'DropSequence':
      return [rel(c.sequence.schema, c.sequence.name), ...(c.sequence.ownedBy ? [rel(c.sequence.schema, c.sequence.ownedBy.table)] : [])];
    case 'AlterSequence':
      return [rel(c.to.schema, c.to.name), ...[c.from.ownedBy, c.to.ownedBy].flatMap((o) => (o ? [rel(c.to.schema, o.table)] : []))];
    case 'CreateDomain':
    case 'DropDomain':
      return [`type:${relKey(c.domain)}`];
    case 'AlterDomain':
      return [`type:${relKey(c.to)}`];
    case 'RecreateDomain':
      return [`type:${relKey(c.from)}`, `type:${relKey(c.to)}`, ...c.columns.map((x) => rel(x.schema, x.table))];
    case 'CreateCompositeType':
    case 'DropCompositeType':
      return [`type:${relKey(c.type)}`];
    case 'AlterCompositeType':
      return [`type:${relKey(c.to)}`];
    case 'RecreateCompositeType':
      return [`type:${relKey(c.from)}`, `type:${relKey(c.to)}`, ...c.columns.map((x) => rel(x.schema, x.table))];
    case 'CreateCollation':
    case 'DropCollation':
      return [`collation:${relKey(c.collation)}`];
    case 'CreateTextSearchDictionary':
    case 'DropTextSearchDictionary':
      return [`ts-dict:${relKey(c.dictionary)}`];
    case 'AlterTextSearchDictionary':
      return [`ts-dict:${relKey(c.to)}`];
    case 'CreateTextSearchConfiguration':
    case 'DropTextSearchConfiguration':
      return [`ts-config:${relKey(c.configuration)}`];
    case 'AlterTextSearchConfiguration':
      return [`ts-config:${relKey(c.to)}`];
    case 'CreateStatistics':
    case 'DropStatistics':
      return [rel(c.statistics.tableSchema, c.statistics.table)];
    case 'AlterStatistics':
      return [rel(c.to.tableSchema, c.to.table)];
    case 'CreateRangeType':
    case 'DropRangeType':
      return [`type:${relKey(c.rangeType)}`];
    case 'RecreateRangeType':
      return [`type:${relKey(c.from)}`, ...c.columns.map((x) => rel(x.schema, x.table))];
    case 'CreateAggregate':
    case 'DropAggregate':
      return [`routine:${aggregateKey(c.aggregate)}`];
    case 'ReplaceAggregate':
      return [`routine:${aggregateKey(c.to)}`];
    case 'RenameTypeObject':
      return [`${c.object}:${c.schema}.${c.from}`];
    case 'RenameTypeMember':
      return [`type:${c.schema}.${c.type}`];
    case 'RenameObject':
      return [`${c.object}:${c.schema ?? ''}.${c.from}`];
    case 'RenameForeignColumn':
      return [rel(c.schema, c.table)];
    case 'AlterTableShape':
      return [rel(c.to.schema, c.to.name), ...c.to.inherits.map((p) => rel(p.schema, p.name)), ...c.from.inherits.map((p) => rel(p.schema, p.name))];
    case 'AttachPartition':
    case 'DetachPartition':
      return [rel(c.table.schema, c.table.name), ...(c.table.partitionOf ? [rel(c.table.partitionOf.schema, c.table.partitionOf.table)] : [])];
    case 'AttachPartitionIndex':
      return [rel(c.table.schema, c.table.name), rel(c.table.schema, c.index), rel(c.parent.schema, c.parent.name)];
    case 'AlterColumnStorage':
    case 'AlterInheritedColumn':
      return [rel(c.schema, c.table)];
    case 'CreatePolicy':
    case 'DropPolicy':
      return [rel(c.policy.schema, c.policy.table)];
    case 'AlterPolicy':
      return [rel(c.to.schema, c.to.table)];
    case 'RenamePolicy':
      return [rel(c.schema, c.table)];
    case 'GrantDefaultPrivilege':
    case 'RevokeDefaultPrivilege':
      return [];
    case 'GrantPrivilege':
    case 'RevokePrivilege':
      return [`${c.grant.object}:${c.grant.schema ?? ''}.${c.grant.name}`];
    case 'SyncTableData':
      return [rel(c.schema, c.table)];
    case 'CreatePublication':
    case 'DropPublication':
      return [`publication:${c.publication.name}`];
    case 'AlterPublication':
      return [`publication:${c.to.name}`, ...c.to.tables.map((t) => rel(t.schema, t.name))];
    case 'CreateForeignServer':
    case 'DropForeignServer':
      return [`server:${c.server.name}`];
    case 'AlterForeignServer':
      return [`server:${c.to.name}`];
    case 'CreateForeignTable':
    case 'DropForeignTable':
      return [rel(c.table.schema, c.table.name)];
    case 'AlterForeignTable':
      return [rel(c.to.schema, c.to.name)];
    default:
      return assertNever(c, 'change');
  }
}

/** Estimated number of locks the steps take when run in one transaction. */
export function estimateLocks(steps: readonly Step[]): number {
  const objects = new Set<string>();
  for (const s of steps) for (const o of changeLockObjects(s.change)) objects.add(o);
  return objects.size;
}

/**
 * Splits steps (in order) into chunks whose estimated locks each fit the budget. A single step larger
 * than the budget gets a chunk of its own.
 */
export function chunkByLocks(steps: readonly Step[], budget: number): Step[][] {
  const chunks: Step[][] = [];
  let current: Step[] = [];
  let objects = new Set<string>();
  for (const s of steps) {
    const mine = changeLockObjects(s.change);
    const added = mine.filter((o) => !objects.has(o)).length;
    if (current.length > 0 && objects.size + added > budget) {
      chunks.push(current);
      current = [];
      objects = new Set();
    }
    current.push(s);
    for (const o of mine) objects.add(o);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
