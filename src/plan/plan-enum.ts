import type { AddEnumValue, Change, CreateEnum, DropEnum, RenameEnum, RenameEnumValue } from '../diff';
import { relKey } from '../model';
import { addEnumValueSql, createEnumSql, dropEnumSql, rebuildEnumSql, renameEnumSql, renameEnumValueSql } from '../sql';
import type { PlanContext } from './context';
import { schemaNode, typeNode } from './graph-keys';
import { Phase, plannedStep, statements, type PlannedStep } from './planned-step';
import { restoreComment } from './comment-step';
import { orderSteps } from './order';

/** CREATE TYPE … AS ENUM. */
export function planCreateEnum(c: CreateEnum): PlannedStep[] {
  const e = c.enum;
  return [
    plannedStep(c, {
      sql: createEnumSql(e),
      reverse: dropEnumSql(e),
      object: relKey(e),
      op: '+',
      phase: Phase.Enum,
      creates: [typeNode(e.schema, e.name)],
      needs: [schemaNode(e.schema)],
    }),
  ];
}

/** DROP TYPE (the diff has converted or dropped every column using it). */
export function planDropEnum(c: DropEnum): PlannedStep[] {
  const e = c.enum;
  const reverse = statements(createEnumSql(e), restoreComment({ kind: 'Enum', schema: e.schema, name: e.name }, e.comment));
  return [
    plannedStep(c, {
      sql: dropEnumSql(e),
      reverse,
      object: relKey(e),
      op: '-',
      phase: Phase.DropEnum,
      drops: [typeNode(e.schema, e.name)],
      needs: [schemaNode(e.schema)],
    }),
  ];
}

/** ALTER TYPE … RENAME TO. */
export function planRenameEnum(c: RenameEnum): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: renameEnumSql(c.schema, c.from, c.to),
      reverse: renameEnumSql(c.schema, c.to, c.from),
      object: relKey({ schema: c.schema, name: c.to }),
      op: '~',
      phase: Phase.Rename,
      drops: [typeNode(c.schema, c.from)],
      creates: [typeNode(c.schema, c.to)],
    }),
  ];
}

/** ALTER TYPE … RENAME VALUE (PostgreSQL ≥ 10). */
export function planRenameEnumValue(c: RenameEnumValue): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: renameEnumValueSql(c.schema, c.enum, c.from, c.to),
      reverse: renameEnumValueSql(c.schema, c.enum, c.to, c.from),
      object: relKey({ schema: c.schema, name: c.enum }),
      op: '~',
      phase: Phase.Rename,
      needs: [typeNode(c.schema, c.enum)],
    }),
  ];
}

/**
 * ALTER TYPE … ADD VALUE, outside the migration transaction: before PostgreSQL 12 it cannot run in a
 * transaction block at all, and from 12 on a value added in a transaction cannot be used until it
 * commits. Postgres cannot drop an enum value, so the reverse recreates the type without it (and without
 * the values this plan adds after it), and, like a plan removing the value would, drops the views, routines
 * and table expressions reading the type before and creates them again after (`plan` plans those changes).
 */
export function planAddEnumValue(c: AddEnumValue, ctx: PlanContext, plan: (r: Change) => PlannedStep[]): PlannedStep[] {
  const e = c.enum;
  const added = ctx.addedEnumValues.get(relKey(e)) ?? [c.value];
  const laterOrThis = new Set(added.slice(Math.max(0, added.indexOf(c.value))));
  const before = e.values.filter((v) => !laterOrThis.has(v));
  return [
    plannedStep(c, {
      sql: addEnumValueSql(e.schema, e.name, c.value, c),
      reverse: statements(...around(c.readers ?? [], true, plan), rebuildEnumSql(e.schema, e.name, before), ...around(c.readers ?? [], false, plan)),
      transactional: false,
      object: relKey(e),
      op: '~',
      phase: Phase.NonTransactional,
      needs: [typeNode(e.schema, e.name)],
    }),
  ];
}

/** True when a change rebuilding a reader runs before the type is recreated (drops), otherwise after (creates). */
const dropsReader = (r: Change): boolean => ('around' in r && r.around ? r.around.before : r.kind.startsWith('Drop'));

/** The SQL of the readers' drops (`before`) or creates, in dependency order. */
function around(readers: readonly Change[], before: boolean, plan: (r: Change) => PlannedStep[]): string[] {
  return orderSteps(readers.filter((r) => dropsReader(r) === before).map(plan)).map((s) => s.step.sql);
}
