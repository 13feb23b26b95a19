import type { AlterExtension, CreateExtension, DropExtension } from '../diff';
import { createExtensionSql, dropExtensionSql, setExtensionSchemaSql, updateExtensionSql } from '../sql';
import { extensionNode, schemaNode } from './graph-keys';
import { Phase, plannedStep, statements, type PlannedStep } from './planned-step';
import { restoreComment } from './comment-step';

/** CREATE EXTENSION … WITH SCHEMA … [VERSION]. */
export function planCreateExtension(c: CreateExtension): PlannedStep[] {
  const e = c.extension;
  return [
    plannedStep(c, {
      sql: createExtensionSql(e),
      reverse: dropExtensionSql(e),
      object: e.name,
      op: '+',
      phase: Phase.Extension,
      creates: [extensionNode(e.name)],
      needs: [schemaNode(e.schema)],
    }),
  ];
}

/** DROP EXTENSION (RESTRICT). */
export function planDropExtension(c: DropExtension): PlannedStep[] {
  const e = c.extension;
  const reverse = statements(createExtensionSql(e), restoreComment({ kind: 'Extension', name: e.name }, e.comment));
  return [
    plannedStep(c, {
      sql: dropExtensionSql(e),
      reverse,
      object: e.name,
      op: '-',
      phase: Phase.DropExtension,
      drops: [extensionNode(e.name)],
      needs: [schemaNode(e.schema)],
    }),
  ];
}

/**
 * ALTER EXTENSION … UPDATE TO (versions known on both sides) and/or SET SCHEMA. An update is irreversible:
 * extensions ship upgrade scripts (`hstore--1.7--1.8.sql`) but, like every contrib module, no downgrade ones,
 * so `UPDATE TO` the old version fails with "no update path".
 */
export function planAlterExtension(c: AlterExtension): PlannedStep[] {
  const { from, to } = c;
  const out: PlannedStep[] = [];
  if (from.version !== null && to.version !== null && from.version !== to.version) {
    out.push(
      plannedStep(c, {
        sql: updateExtensionSql(to.name, to.version),
        reverse: null,
        irreversible: `extensions ship no downgrade scripts: ${from.version} cannot be restored by ALTER EXTENSION … UPDATE`,
        object: to.name,
        op: '~',
        phase: Phase.Extension,
        needs: [extensionNode(to.name)],
      }),
    );
  }
  if (from.schema !== to.schema) {
    out.push(
      plannedStep(c, {
        sql: setExtensionSchemaSql(to.name, to.schema),
        reverse: setExtensionSchemaSql(to.name, from.schema),
        object: to.name,
        op: '~',
        phase: Phase.Extension,
        needs: [extensionNode(to.name), schemaNode(to.schema), schemaNode(from.schema)],
      }),
    );
  }
  return out;
}
