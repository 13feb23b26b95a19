import type { AlterPublication, CreatePublication, DropPublication, ReplicationChange } from '../diff';
import type { Publication, PublicationTable } from '../model';
import { alterPublicationMemberSql, alterPublicationOptionsSql, createPublicationSql, dropPublicationSql } from '../sql';
import { assertNever } from '../util';
import { commentAfterCreate, restoreComment } from './comment-step';
import { columnNode, columnTypeNode, publicationNode, relNode, schemaNode } from './graph-keys';
import {
  planAlterForeignServer,
  planAlterForeignTable,
  planCreateForeignServer,
  planCreateForeignTable,
  planDropForeignServer,
  planDropForeignTable,
} from './plan-foreign';
import { Phase, plannedStep, statements, type PlannedStep } from './planned-step';

/** A listed column also by its type: a membership is taken out before the column changes type, put back after. */
const tableNeeds = (t: PublicationTable) => [
  relNode(t.schema, t.name),
  ...(t.columns ?? []).flatMap((c) => [
    columnNode(t.schema, t.name, c),
    columnTypeNode(t.schema, t.name, c, 'alter'),
    columnTypeNode(t.schema, t.name, c, 'enum'),
  ]),
];
/** The tables (and listed columns) and schemas a publication names: created before it, dropped after. */
const needs = (p: Publication) => [...p.tables.flatMap(tableNeeds), ...p.schemas.map(schemaNode)];
const target = (p: Publication) => ({ kind: 'Publication' as const, name: p.name });

/** CREATE PUBLICATION (and its comment), after the tables it names. */
export function planCreatePublication(c: CreatePublication): PlannedStep[] {
  const p = c.publication;
  return [
    plannedStep(c, {
      sql: createPublicationSql(p),
      reverse: dropPublicationSql(p.name),
      object: p.name,
      op: '+',
      phase: Phase.CreateTrigger,
      creates: [publicationNode(p.name)],
      needs: needs(p),
    }),
    ...commentAfterCreate(c, target(p), p.comment, p.name, publicationNode(p.name)),
  ];
}

/** DROP PUBLICATION, before the tables it names; the reverse creates it again as it was. */
export function planDropPublication(c: DropPublication): PlannedStep[] {
  const p = c.publication;
  return [
    plannedStep(c, {
      sql: dropPublicationSql(p.name),
      reverse: statements(createPublicationSql(p), restoreComment(target(p), p.comment)),
      object: p.name,
      op: '-',
      phase: Phase.DropTrigger,
      drops: [publicationNode(p.name)],
      needs: needs(p),
    }),
  ];
}

const tableKey = (t: PublicationTable) => JSON.stringify([t.schema, t.name]);

/**
 * ALTER PUBLICATION: SET (options), DROP the tables and schemas it no longer names (early, before they may be
 * dropped) and ADD the new ones (after they exist); a table whose column list or row filter changes is dropped
 * from it and added again.
 */
export function planAlterPublication(c: AlterPublication): PlannedStep[] {
  const { from, to } = c;
  const node = publicationNode(to.name);
  const steps: PlannedStep[] = [];
  const member = (sql: string, reverse: string, op: '+' | '-', memberNeeds: string[]) =>
    plannedStep(c, { sql, reverse, object: to.name, op, phase: op === '-' ? Phase.DropTrigger : Phase.CreateTrigger, needs: [node, ...memberNeeds] });
  if (from.publish.join() !== to.publish.join() || from.viaRoot !== to.viaRoot) {
    steps.push(
      plannedStep(c, {
        sql: alterPublicationOptionsSql(to),
        reverse: alterPublicationOptionsSql(from),
        object: to.name,
        op: '~',
        phase: Phase.CreateTrigger,
        needs: [node],
      }),
    );
  }
  const after = new Map(to.tables.map((t) => [tableKey(t), t]));
  const before = new Map(from.tables.map((t) => [tableKey(t), t]));
  for (const t of from.tables) {
    const n = after.get(tableKey(t));
    if (n === undefined || JSON.stringify(n) !== JSON.stringify(t))
      steps.push(member(alterPublicationMemberSql(to.name, 'DROP', t), alterPublicationMemberSql(to.name, 'ADD', t), '-', tableNeeds(t)));
  }
  for (const t of to.tables) {
    const o = before.get(tableKey(t));
    if (o === undefined || JSON.stringify(o) !== JSON.stringify(t))
      steps.push(member(alterPublicationMemberSql(to.name, 'ADD', t), alterPublicationMemberSql(to.name, 'DROP', t), '+', tableNeeds(t)));
  }
  for (const s of from.schemas.filter((x) => !to.schemas.includes(x)))
    steps.push(
      member(alterPublicationMemberSql(to.name, 'DROP', { schema: s }), alterPublicationMemberSql(to.name, 'ADD', { schema: s }), '-', [schemaNode(s)]),
    );
  for (const s of to.schemas.filter((x) => !from.schemas.includes(x)))
    steps.push(
      member(alterPublicationMemberSql(to.name, 'ADD', { schema: s }), alterPublicationMemberSql(to.name, 'DROP', { schema: s }), '+', [schemaNode(s)]),
    );
  return steps;
}

/** The steps of a publication, foreign server or foreign table change. */
export function planReplicationChange(c: ReplicationChange): PlannedStep[] {
  switch (c.kind) {
    case 'CreatePublication':
      return planCreatePublication(c);
    case 'DropPublication':
      return planDropPublication(c);
    case 'AlterPublication':
      return planAlterPublication(c);
    case 'CreateForeignServer':
      return planCreateForeignServer(c);
    case 'DropForeignServer':
      return planDropForeignServer(c);
    case 'AlterForeignServer':
      return planAlterForeignServer(c);
    case 'CreateForeignTable':
      return planCreateForeignTable(c);
    case 'DropForeignTable':
      return planDropForeignTable(c);
    case 'AlterForeignTable':
      return planAlterForeignTable(c);
    default:
      return assertNever(c, 'replication change');
  }
}
