import type { AlterPolicy, CreatePolicy, DropPolicy, RenamePolicy } from '../diff';
import { policyKey, type Policy } from '../model';
import { alterPolicySql, commentSql, createPolicySql, dropPolicySql, renamePolicySql } from '../sql';
import { policyNode, relNode } from './graph-keys';
import { Phase, plannedStep, statements, type PlannedStep } from './planned-step';

const policyNeeds = (p: Policy) => [relNode(p.schema, p.table)];

/** CREATE POLICY (late: its expressions may read any table or function the plan creates). */
export function planCreatePolicy(c: CreatePolicy): PlannedStep[] {
  const p = c.policy;
  return [plannedStep(c, {
    sql: createPolicySql(p), reverse: dropPolicySql(p), object: policyKey(p), op: '+', phase: Phase.CreateIndex,
    creates: [policyNode(p.schema, p.table, p.name)], needs: policyNeeds(p),
  })];
}

/** DROP POLICY (early: before the columns and tables it reads go). */
export function planDropPolicy(c: DropPolicy): PlannedStep[] {
  const p = c.policy;
  const comment = p.comment !== null ? commentSql({ kind: 'Policy', schema: p.schema, table: p.table, name: p.name }, p.comment) : null;
  return [plannedStep(c, {
    sql: dropPolicySql(p), reverse: statements(createPolicySql(p), comment), object: policyKey(p), op: '-', phase: Phase.DropIndex,
    drops: [policyNode(p.schema, p.table, p.name)], needs: policyNeeds(p),
  })];
}

/** ALTER POLICY … TO … USING … WITH CHECK … (roles and expressions; the reverse sets the old ones). */
export function planAlterPolicy(c: AlterPolicy): PlannedStep[] {
  return [plannedStep(c, {
    sql: alterPolicySql(c.to), reverse: alterPolicySql(c.from), object: policyKey(c.to), op: '~', phase: Phase.CreateIndex,
    needs: [...policyNeeds(c.to), policyNode(c.to.schema, c.to.table, c.to.name)],
  })];
}

/** ALTER POLICY … RENAME TO. */
export function planRenamePolicy(c: RenamePolicy): PlannedStep[] {
  return [plannedStep(c, {
    sql: renamePolicySql(c.schema, c.table, c.from, c.to), reverse: renamePolicySql(c.schema, c.table, c.to, c.from),
    object: policyKey({ schema: c.schema, table: c.table, name: c.to }), op: '~', phase: Phase.Rename,
    drops: [policyNode(c.schema, c.table, c.from)], creates: [policyNode(c.schema, c.table, c.to)], needs: [relNode(c.schema, c.table)],
  })];
}
