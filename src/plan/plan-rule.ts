import type { CreateRule, DropRule, ReplaceRule } from '../diff';
import { nameKey, type Rule } from '../model';
import { createRuleSql, dropRuleSql } from '../sql';
import { commentAfterCreate, restoreComment } from './comment-step';
import { dependencyNeeds, relNode, ruleNode } from './graph-keys';
import { Phase, plannedStep, statements, type PlannedStep } from './planned-step';

const object = (r: Rule) => nameKey(r.schema, r.table, r.name);
const node = (r: Rule) => ruleNode(r.schema, r.table, r.name);
/** A rule needs its table or view and what its condition and actions read (other tables, columns, functions). */
const needs = (r: Rule) => [relNode(r.schema, r.table), ...dependencyNeeds(r.dependsOn)];
const target = (r: Rule) => ({ kind: 'Rule' as const, schema: r.schema, table: r.table, name: r.name });

/** CREATE RULE, after its table and what it reads (with the triggers), and its comment. */
export function planCreateRule(c: CreateRule): PlannedStep[] {
  const r = c.rule;
  return [
    plannedStep(c, {
      sql: createRuleSql(r),
      reverse: dropRuleSql(r),
      object: object(r),
      op: '+',
      phase: Phase.CreateTrigger,
      creates: [node(r)],
      needs: needs(r),
    }),
    ...commentAfterCreate(c, target(r), r.comment, object(r), node(r)),
  ];
}

/** DROP RULE, before its table or what it reads go. */
export function planDropRule(c: DropRule): PlannedStep[] {
  const r = c.rule;
  return [
    plannedStep(c, {
      sql: dropRuleSql(r),
      reverse: statements(createRuleSql(r), restoreComment(target(r), r.comment)),
      object: object(r),
      op: '-',
      phase: Phase.DropTrigger,
      drops: [node(r)],
      needs: needs(r),
    }),
  ];
}

/** CREATE OR REPLACE RULE: the same rule with another condition or actions. */
export function planReplaceRule(c: ReplaceRule): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: createRuleSql(c.to, true),
      reverse: createRuleSql(c.from, true),
      object: object(c.to),
      op: '~',
      phase: Phase.CreateTrigger,
      needs: [...needs(c.from), ...needs(c.to)],
    }),
  ];
}
