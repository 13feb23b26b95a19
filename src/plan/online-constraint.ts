import type { AddConstraint } from '../diff';
import { constraintKey, keyIndex, relKey, type Constraint, type PrimaryKey, type Unique } from '../model';
import {
  addConstraintNotValidSql,
  addConstraintUsingIndexSql,
  createIndexConcurrentlySql,
  dropConstraintSql,
  dropIndexConcurrentlySql,
  dropIndexIfExistsSql,
  validateConstraintSql,
} from '../sql';
import type { PlanContext } from './context';
import { tableLock } from './locks';
import { hazard, Phase, plannedStep, type PlannedStep, type StepSpec } from './planned-step';

/** What every step of an online constraint shares with the offline one (graph keys, object). */
type Base = Pick<StepSpec, 'object' | 'op' | 'creates' | 'needs'>;

/**
 * A foreign key or check added to a table in use: `ADD … NOT VALID` takes its lock only for a moment
 * (new rows are checked from then on), then `VALIDATE CONSTRAINT` checks the existing rows on its own,
 * after the main transaction, under SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes.
 */
export function planAddConstraintNotValid(c: AddConstraint, k: Constraint, ctx: PlanContext, base: Base): PlannedStep[] {
  const fk = k.kind === 'ForeignKey';
  const addLocks = fk
    ? [...tableLock(ctx, k.schema, k.table, 'SHARE ROW EXCLUSIVE'), ...tableLock(ctx, k.refSchema, k.refTable, 'SHARE ROW EXCLUSIVE')]
    : tableLock(ctx, k.schema, k.table, 'ACCESS EXCLUSIVE');
  const validateLocks = fk
    ? [...tableLock(ctx, k.schema, k.table, 'SHARE UPDATE EXCLUSIVE', { scan: true }), ...tableLock(ctx, k.refSchema, k.refTable, 'ROW SHARE')]
    : tableLock(ctx, k.schema, k.table, 'SHARE UPDATE EXCLUSIVE', { scan: true });
  const add = plannedStep(c, {
    ...base,
    sql: addConstraintNotValidSql(k),
    reverse: dropConstraintSql(k),
    locks: addLocks,
    phase: fk ? Phase.AddForeignKey : Phase.AddConstraint,
  });
  if ((k.kind === 'Check' || k.kind === 'ForeignKey') && k.notValid === true) return [add]; // declared NOT VALID: left unvalidated
  return [
    add,
    plannedStep(c, {
      ...base,
      sql: validateConstraintSql(k),
      reverse: '',
      transactional: false,
      phase: Phase.Online,
      creates: [],
      locks: validateLocks,
      hazards: [
        hazard('may-fail-on-data', constraintKey(k), `validating the ${fk ? 'foreign key' : 'check'} fails if existing rows violate it (it stays NOT VALID)`),
      ],
    }),
  ];
}

/**
 * A primary key or unique constraint added to a table in use: its index is built CONCURRENTLY (after a
 * DROP … IF EXISTS of an invalid leftover), then attached with `ADD CONSTRAINT … USING INDEX`, a brief
 * ACCESS EXCLUSIVE lock (a primary key also sets its columns NOT NULL, which scans them if they were not).
 */
export function planAddKeyConcurrently(c: AddConstraint, k: PrimaryKey | Unique, ctx: PlanContext, base: Base): PlannedStep[] {
  const index = keyIndex(k);
  const object = constraintKey(k);
  const table = relKey({ schema: k.schema, name: k.table });
  const online = { ...base, phase: Phase.Online, transactional: false, creates: [] };
  return [
    plannedStep(c, { ...online, sql: dropIndexConcurrentlySql(index, true), reverse: '', locks: tableLock(ctx, k.schema, k.table, 'SHARE UPDATE EXCLUSIVE') }),
    plannedStep(c, {
      ...online,
      sql: createIndexConcurrentlySql(index),
      reverse: dropIndexIfExistsSql(index),
      hazards: [
        hazard('index-build', object, `builds the key's index concurrently: ${table} stays writable, the build takes longer and loads the server`),
        hazard(
          'may-fail-on-data',
          object,
          `the ${k.kind === 'PrimaryKey' ? 'primary key' : 'unique constraint'} fails if existing rows have duplicates${k.kind === 'PrimaryKey' ? ' or nulls' : ''}`,
        ),
      ],
      locks: tableLock(ctx, k.schema, k.table, 'SHARE UPDATE EXCLUSIVE', { scan: true }),
    }),
    plannedStep(c, {
      ...base,
      phase: Phase.Online,
      sql: addConstraintUsingIndexSql(k),
      reverse: dropConstraintSql(k),
      locks: tableLock(ctx, k.schema, k.table, 'ACCESS EXCLUSIVE', { scan: k.kind === 'PrimaryKey' }),
    }),
  ];
}
