import { STATISTICS_KINDS, type Statistics } from '../../model';
import type { Imports } from './imports';
import type { PullContext } from './pull-context';
import { pullKey } from './pull-names';
import { sqlTemplate } from './sql-template';
import { tsAccess, tsString, tsValue } from './ts-text';

/** `statistics(table, 'name', { on: [table.columns.a, sql\`lower(${table.columns.b})\`], kinds, target })`. */
export function emitStatistics(x: Statistics, ctx: PullContext, imports: Imports): string {
  const table = imports.ref(ctx.names.tables.get(pullKey(x.tableSchema, x.table))!);
  const columns = new Set(ctx.catalog.tables.find((t) => t.schema === x.tableSchema && t.name === x.table)?.columns.map((c) => c.name) ?? []);
  const on = [
    ...x.columns.map((c) => tsAccess(`${table}.columns`, c)),
    ...x.expressions.map((e) => imports.lib('sql') && sqlTemplate(e, columns, `${table}.columns`)),
  ];
  const lines = [`  on: [${on.join(', ')}],`];
  const implied = x.columns.length + x.expressions.length > 1 ? STATISTICS_KINDS : [];
  if (x.kinds.join() !== implied.join()) lines.push(`  kinds: ${tsValue(x.kinds)},`);
  if (x.target !== null) lines.push(`  target: ${x.target},`);
  if (x.schema !== x.tableSchema) lines.push(`  schema: ${tsString(x.schema)},`);
  if (x.comment !== null) lines.push(`  comment: ${tsString(x.comment)},`);
  return `${imports.lib('statistics')}(${table}, ${tsString(x.name)}, {\n${lines.join('\n')}\n})`;
}
