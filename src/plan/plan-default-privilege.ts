import type { GrantDefaultPrivilege, RevokeDefaultPrivilege } from '../diff';
import type { DefaultPrivilege } from '../model';
import { grantDefaultPrivilegeSql, revokeDefaultPrivilegeSql } from '../sql';
import { schemaNode } from './graph-keys';
import { Phase, plannedStep, type PlannedStep } from './planned-step';

const objectOf = (d: DefaultPrivilege) => `${d.schema}: default ${d.privilege} on ${d.objects} of ${d.role} for ${d.grantee}`;

/** ALTER DEFAULT PRIVILEGES … GRANT, once the schema exists (last, with the grants). */
export function planGrantDefaultPrivilege(c: GrantDefaultPrivilege): PlannedStep[] {
  const d = c.privilege;
  return [
    plannedStep(c, {
      sql: grantDefaultPrivilegeSql(d),
      reverse: revokeDefaultPrivilegeSql(d),
      object: objectOf(d),
      op: '+',
      phase: Phase.Comment,
      needs: [schemaNode(d.schema)],
    }),
  ];
}

/** ALTER DEFAULT PRIVILEGES … REVOKE, early (before the schema is dropped, should it be). */
export function planRevokeDefaultPrivilege(c: RevokeDefaultPrivilege): PlannedStep[] {
  const d = c.privilege;
  return [
    plannedStep(c, {
      sql: revokeDefaultPrivilegeSql(d),
      reverse: grantDefaultPrivilegeSql(d),
      object: objectOf(d),
      op: '-',
      phase: Phase.DropForeignKey,
      needs: [schemaNode(d.schema)],
    }),
  ];
}
