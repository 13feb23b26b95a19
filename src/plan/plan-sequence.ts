import type { AlterSequence, CreateSequence, DropSequence } from '../diff';
import { relKey, type Sequence, type SequenceOptions } from '../model';
import {
  alterSequenceOptionsSql,
  changedSequenceOptions,
  createSequenceSql,
  dropSequenceSql,
  parksUnusedSequence,
  parkUnusedSequenceSql,
  sequenceOwnedBySql,
  sequenceRegclassSql,
} from '../sql';
import { columnNode, relNode, schemaNode } from './graph-keys';
import { hazard, Phase, plannedStep, statements, type PlannedStep } from './planned-step';
import { restoreComment } from './comment-step';

/** Graph keys of the column owning a sequence (and its table). */
const ownerNodes = (s: Sequence): string[] =>
  s.ownedBy === null ? [] : [relNode(s.schema, s.ownedBy.table), columnNode(s.schema, s.ownedBy.table, s.ownedBy.column)];

/**
 * CREATE SEQUENCE, before the tables whose defaults use it; OWNED BY is a second statement after the
 * owning table exists (the table's default needs the sequence first, so it cannot be set at creation).
 */
export function planCreateSequence(c: CreateSequence): PlannedStep[] {
  const s = c.sequence;
  const object = relKey(s);
  const steps = [
    plannedStep(c, {
      sql: createSequenceSql(s),
      reverse: dropSequenceSql(s.schema, s.name),
      object,
      op: '+',
      phase: Phase.Enum,
      creates: [relNode(s.schema, s.name)],
      needs: [schemaNode(s.schema)],
    }),
  ];
  if (s.ownedBy !== null) {
    steps.push(
      plannedStep(c, {
        sql: sequenceOwnedBySql(s.schema, s.name, s.ownedBy),
        reverse: sequenceOwnedBySql(s.schema, s.name, null),
        object,
        op: '~',
        phase: Phase.AddConstraint,
        needs: [relNode(s.schema, s.name), ...ownerNodes(s)],
      }),
    );
  }
  return steps;
}

/**
 * DROP SEQUENCE, after the defaults using it are gone. An owned sequence is first released (OWNED BY NONE)
 * so that dropping its table or column in the same plan does not drop it behind the plan's back.
 */
export function planDropSequence(c: DropSequence): PlannedStep[] {
  const s = c.sequence;
  const object = relKey(s);
  const steps: PlannedStep[] = [];
  if (s.ownedBy !== null) {
    steps.push(
      plannedStep(c, {
        sql: sequenceOwnedBySql(s.schema, s.name, null),
        reverse: sequenceOwnedBySql(s.schema, s.name, s.ownedBy),
        object,
        op: '~',
        phase: Phase.DropForeignKey,
        needs: [relNode(s.schema, s.name), ...ownerNodes(s)],
      }),
    );
  }
  const comment = restoreComment({ kind: 'Sequence', schema: s.schema, name: s.name }, s.comment);
  steps.push(
    plannedStep(c, {
      sql: dropSequenceSql(s.schema, s.name),
      reverse: statements(createSequenceSql(s), comment),
      hazards: [hazard('deletes-data', object, 'dropping the sequence loses its current value')],
      object,
      op: '-',
      phase: Phase.DropEnum,
      drops: [relNode(s.schema, s.name)],
      needs: [schemaNode(s.schema)],
    }),
  );
  return steps;
}

/** ALTER SEQUENCE with the changed options, and OWNED BY when the owner changes; each with its inverse. */
export function planAlterSequence(c: AlterSequence): PlannedStep[] {
  const { from, to } = c;
  const object = relKey(to);
  const steps: PlannedStep[] = [];
  if (changedSequenceOptions(from, to).length > 0) {
    const narrows = BigInt(to.min) > BigInt(from.min) || BigInt(to.max) < BigInt(from.max);
    // A never-called sequence outside the new bounds is first moved to the new START (each direction).
    const set = (a: SequenceOptions, b: SequenceOptions) =>
      statements(
        parksUnusedSequence(a, b) ? parkUnusedSequenceSql(sequenceRegclassSql(to.schema, to.name), b.start) : null,
        alterSequenceOptionsSql(to.schema, to.name, a, b),
      );
    steps.push(
      plannedStep(c, {
        sql: set(from, to),
        reverse: set(to, from),
        hazards: narrows ? [hazard('may-fail-on-data', object, 'fails if the current value lies outside the new bounds')] : [],
        object,
        op: '~',
        phase: Phase.AlterColumn,
        needs: [relNode(to.schema, to.name)],
      }),
    );
  }
  if (JSON.stringify(from.ownedBy) !== JSON.stringify(to.ownedBy)) {
    steps.push(
      plannedStep(c, {
        sql: sequenceOwnedBySql(to.schema, to.name, to.ownedBy),
        reverse: sequenceOwnedBySql(to.schema, to.name, from.ownedBy),
        object,
        op: '~',
        phase: Phase.AlterColumn,
        needs: [relNode(to.schema, to.name), ...ownerNodes(from), ...ownerNodes(to)],
      }),
    );
  }
  return steps;
}
