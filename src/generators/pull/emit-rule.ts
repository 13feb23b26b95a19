import { ruleParts, type Rule } from '../../model';
import type { Imports } from './imports';
import type { PullContext } from './pull-context';
import { pullKey } from './pull-names';
import { sqlTemplate } from './sql-template';
import { tsString } from './ts-text';

/** `rule(payments, 'name', { event, where, instead, action })` (unwritableObjects refuses a definition it cannot split). */
export function emitRule(r: Rule, ctx: PullContext, imports: Imports): string {
  const on = ctx.names.tables.get(pullKey(r.schema, r.table)) ?? ctx.names.views.get(pullKey(r.schema, r.table))!;
  const parts = ruleParts(r)!;
  imports.lib('sql');
  const lines = [`  event: ${tsString(parts.event)},`];
  if (parts.where !== null) lines.push(`  where: ${sqlTemplate(parts.where)},`);
  if (parts.instead) lines.push('  instead: true,');
  lines.push(`  action: ${sqlTemplate(parts.action)},`);
  if (r.comment !== null) lines.push(`  comment: ${tsString(r.comment)},`);
  return `${imports.lib('rule')}(${imports.ref(on)}, ${tsString(r.name)}, {\n${lines.join('\n')}\n})`;
}
