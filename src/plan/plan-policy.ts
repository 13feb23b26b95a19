import type { AlterPolicy, CreatePolicy, DropPolicy, RenamePolicy } from '../diff';
import { policyKey, type Policy } from '../model';
import { alterPolicySql, createPolicySql, dropPolicySql, renamePolicySql, tokenize } from '../sql';
import { columnNode, policyNode, relNode } from './graph-keys';
import { Phase, plannedStep, statements, type PlannedStep } from './planned-step';
import { restoreComment } from './comment-step';

/**
 * Keys a policy needs: its table, and the columns its expressions name (identifiers of the expressions as
 * Postgres prints them; names that are not columns of the table match no step and add no edge). So a
 * policy is changed after the columns it will read are added and before those it read are dropped.
 */
const policyNeeds = (p: Policy) => [
  relNode(p.schema, p.table),
  ...[p.using, p.withCheck]
    .flatMap((e) => (e === null ? [] : tokenize(e)))
    .flatMap((t) => (t.kind === 'word' ? [t.text.toLowerCase()] : t.kind === 'quoted' ? [t.text] : []))
    .map((name) => columnNode(p.schema, p.table, name)),
];

/** CREATE POLICY (late: its expressions may read any table or function the plan creates). */
export function planCreatePolicy(c: CreatePolicy): PlannedStep[] {
  const p = c.policy;
  return [
    plannedStep(c, {
      sql: createPolicySql(p),
      reverse: dropPolicySql(p),
      object: policyKey(p),
      op: '+',
      phase: Phase.CreateIndex,
      creates: [policyNode(p.schema, p.table, p.name)],
      needs: policyNeeds(p),
    }),
  ];
}

/** DROP POLICY (early: before the columns and tables it reads go). */
export function planDropPolicy(c: DropPolicy): PlannedStep[] {
  const p = c.policy;
  const comment = restoreComment({ kind: 'Policy', schema: p.schema, table: p.table, name: p.name }, p.comment);
  return [
    plannedStep(c, {
      sql: dropPolicySql(p),
      reverse: statements(createPolicySql(p), comment),
      object: policyKey(p),
      op: '-',
      phase: Phase.DropIndex,
      drops: [policyNode(p.schema, p.table, p.name)],
      needs: policyNeeds(p),
    }),
  ];
}

/** ALTER POLICY … TO … USING … WITH CHECK … (roles and expressions; the reverse sets the old ones). */
export function planAlterPolicy(c: AlterPolicy): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: alterPolicySql(c.to),
      reverse: alterPolicySql(c.from),
      object: policyKey(c.to),
      op: '~',
      phase: Phase.CreateIndex,
      needs: [...policyNeeds(c.to), ...policyNeeds(c.from), policyNode(c.to.schema, c.to.table, c.to.name)],
    }),
  ];
}

/** ALTER POLICY … RENAME TO. */
export function planRenamePolicy(c: RenamePolicy): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: renamePolicySql(c.schema, c.table, c.from, c.to),
      reverse: renamePolicySql(c.schema, c.table, c.to, c.from),
      object: policyKey({ schema: c.schema, table: c.table, name: c.to }),
      op: '~',
      phase: Phase.Rename,
      drops: [policyNode(c.schema, c.table, c.from)],
      creates: [policyNode(c.schema, c.table, c.to)],
      needs: [relNode(c.schema, c.table)],
    }),
  ];
}
