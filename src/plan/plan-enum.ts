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
 * the values this plan adds after it) as a plan removing the value would: with the diff's `readers` (`plan`
 * plans them), the domains and composite types over it recreated aside and the views, routines and table
 * expressions reading it dropped before and created after; with none, a `DO` block converting its columns.
 */
export function planAddEnumValue(c: AddEnumValue, ctx: PlanContext, plan: (r: Change) => PlannedStep[]): PlannedStep[] {
  const e = c.enum;
  const added = ctx.addedEnumValues.get(relKey(e)) ?? [c.value];
  const laterOrThis = new Set(added.slice(Math.max(0, added.indexOf(c.value))));
  const before = e.values.filter((v) => !laterOrThis.has(v));
  const readers = (c.readers ?? []).map((r) =>
    r.kind === 'RecreateEnum' ? { ...r, from: { ...r.from, values: e.values }, to: { ...r.to, values: before } } : r,
  );
  const reverse = readers.length === 0 ? rebuildEnumSql(e.schema, e.name, before) : statements(...orderSteps(readers.map(plan)).map((s) => s.step.sql));
  return [
    plannedStep(c, {
      sql: addEnumValueSql(e.schema, e.name, c.value, c),
      reverse,
      transactional: false,
      object: relKey(e),
      op: '~',
      phase: Phase.NonTransactional,
      needs: [typeNode(e.schema, e.name)],
    }),
  ];
}
