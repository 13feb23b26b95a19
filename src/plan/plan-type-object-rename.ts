import type { RenameTypeMember, RenameTypeObject } from '../diff';
import { nameKey, relKey } from '../model';
import { alterCompositeTypeSql, alterDomainSql, renameCollationSql, renameSequenceSql, renameTypeSql } from '../sql';
import { assertNever } from '../util';
import { collationNode, relNode, typeNode } from './graph-keys';
import { Phase, plannedStep, type PlannedStep } from './planned-step';

/** The rename statement and graph key of one kind. */
function renameOf(c: RenameTypeObject, from: string, to: string): { sql: string; node: (name: string) => string } {
  switch (c.object) {
    case 'Sequence':
      return { sql: renameSequenceSql(c.schema, from, to), node: (n) => relNode(c.schema, n) };
    case 'Domain':
      return { sql: alterDomainSql(c.schema, from, { kind: 'Rename', to }), node: (n) => typeNode(c.schema, n) };
    case 'CompositeType':
      return { sql: renameTypeSql(c.schema, from, to), node: (n) => typeNode(c.schema, n) };
    case 'Collation':
      return { sql: renameCollationSql(c.schema, from, to), node: (n) => collationNode(c.schema, n) };
    default:
      return assertNever(c.object, 'renamed object kind');
  }
}

/** ALTER SEQUENCE|DOMAIN|TYPE|COLLATION … RENAME TO. */
export function planRenameTypeObject(c: RenameTypeObject): PlannedStep[] {
  const fwd = renameOf(c, c.from, c.to);
  return [
    plannedStep(c, {
      sql: fwd.sql,
      reverse: renameOf(c, c.to, c.from).sql,
      object: relKey({ schema: c.schema, name: c.to }),
      op: '~',
      phase: Phase.Rename,
      drops: [fwd.node(c.from)],
      creates: [fwd.node(c.to)],
    }),
  ];
}

/** ALTER DOMAIN … RENAME CONSTRAINT / ALTER TYPE … RENAME ATTRIBUTE. */
export function planRenameTypeMember(c: RenameTypeMember): PlannedStep[] {
  const sql = (from: string, to: string) =>
    c.object === 'Domain'
      ? alterDomainSql(c.schema, c.type, { kind: 'RenameCheck', from, to })
      : alterCompositeTypeSql(c.schema, c.type, { kind: 'Rename', from, to });
  return [
    plannedStep(c, {
      sql: sql(c.from, c.to),
      reverse: sql(c.to, c.from),
      object: nameKey(c.schema, c.type, c.to),
      op: '~',
      phase: Phase.Rename,
      needs: [typeNode(c.schema, c.type)],
    }),
  ];
}
