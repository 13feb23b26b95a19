import { ruleKey, type Catalog } from '../model';
import type { Change } from './changes';
import { dependsOnAny, relationKey } from './dependents';
import { commentChanged, matchByKey } from './match';

/**
 * Rules: a changed definition is replaced in place (`CREATE OR REPLACE RULE`); a rule on a recreated table or
 * view, or reading something recreated, is dropped and created again.
 */
export function diffRules(from: Catalog, to: Catalog, invalid: ReadonlySet<string>): Change[] {
  const m = matchByKey(from.rules, to.rules, ruleKey);
  const out: Change[] = [];
  for (const r of m.removed) out.push({ kind: 'DropRule', rule: r });
  for (const r of m.added) out.push({ kind: 'CreateRule', rule: r });
  for (const [a, b] of m.common) {
    if (invalid.has(relationKey(a.schema, a.table)) || dependsOnAny(a.dependsOn, invalid)) {
      out.push({ kind: 'DropRule', rule: a }, { kind: 'CreateRule', rule: b });
      continue;
    }
    // CREATE OR REPLACE RULE keeps the rule (its OID, so its comment).
    if (a.definition !== b.definition) out.push({ kind: 'ReplaceRule', from: a, to: b });
    if (commentChanged(a, b))
      out.push({ kind: 'SetComment', target: { kind: 'Rule', schema: b.schema, table: b.table, name: b.name }, from: a.comment, to: b.comment });
  }
  return out;
}
