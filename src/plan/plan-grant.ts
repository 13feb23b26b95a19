import type { GrantPrivilege, RevokePrivilege } from '../diff';
import type { Grant } from '../model';
import { grantSql, revokeSql } from '../sql';
import { assertNever } from '../util';
import { columnNode, foreignServerNode, relNode, routineNode, schemaNode, typeNode } from './graph-keys';
import { Phase, plannedStep, type PlannedStep } from './planned-step';

/** The graph key of a grant's object (a function's is `name(argument types)`, as its routine's identity). */
function grantNeeds(g: Grant): string[] {
  const schema = g.schema ?? '';
  switch (g.object) {
    case 'table':
    case 'sequence':
      return [relNode(schema, g.name)];
    case 'column':
      return [relNode(schema, g.name), columnNode(schema, g.name, g.column ?? '')];
    case 'schema':
      return [schemaNode(g.name)];
    case 'type':
      return [typeNode(schema, g.name)];
    case 'server':
      return [foreignServerNode(g.name)];
    case 'function': {
      const open = g.name.indexOf('(');
      return open < 0 ? [] : [routineNode(schema, g.name.slice(0, open), g.name.slice(open + 1, -1))];
    }
    default:
      return assertNever(g.object, 'grant object kind');
  }
}

const objectOf = (g: Grant) => [g.schema, g.name, g.column].filter((x) => x !== null).join('.');

/** GRANT, after the object exists (last, with the comments). */
export function planGrantPrivilege(c: GrantPrivilege): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: grantSql(c.grant),
      reverse: revokeSql(c.grant),
      object: objectOf(c.grant),
      op: '+',
      phase: Phase.Comment,
      needs: grantNeeds(c.grant),
    }),
  ];
}

/** REVOKE, early (before the object is dropped, should it be). */
export function planRevokePrivilege(c: RevokePrivilege): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: revokeSql(c.grant),
      reverse: grantSql(c.grant),
      object: objectOf(c.grant),
      op: '-',
      phase: Phase.DropForeignKey,
      needs: grantNeeds(c.grant),
    }),
  ];
}
