import type { Policy, Table } from '../../model';
import type { Imports } from './imports';
import { sqlTemplate, unwrapParens } from './sql-template';
import { tsKey, tsList, tsString } from './ts-text';

/** `policy('name').for('select').to('app').restrictive().using(sql\`…\`).withCheck(sql\`…\`)`. */
function emitPolicy(p: Policy, columns: ReadonlySet<string>, imports: Imports): string {
  let out = `${imports.lib('policy')}(${tsString(p.name)})`;
  if (p.command !== 'all') out += `.for(${tsString(p.command)})`;
  if (!(p.roles.length === 1 && p.roles[0] === 'public')) out += `.to(${p.roles.map(tsString).join(', ')})`;
  if (!p.permissive) out += '.restrictive()';
  if (p.using !== null) out += `.using(${imports.lib('sql') && sqlTemplate(unwrapParens(p.using), columns)})`;
  if (p.withCheck !== null) out += `.withCheck(${imports.lib('sql') && sqlTemplate(unwrapParens(p.withCheck), columns)})`;
  if (p.comment !== null) out += `.comment(${tsString(p.comment)})`;
  return out;
}

/** A storage parameter value as TypeScript: a number or boolean when it reads as one, else a string. */
const parameterValue = (value: string): string => (/^(-?\d+(\.\d+)?|true|false)$/.test(value) ? value : tsString(value));

/** The table options lines of a table's shape (unlogged, storage parameters, row-level security, policies). */
export function tableShapeLines(table: Table, policies: readonly Policy[], imports: Imports): string[] {
  const lines: string[] = [];
  if (table.persistence === 'unlogged') lines.push('  unlogged: true,');
  if (table.storageParameters.length > 0) {
    lines.push(`  storageParameters: { ${table.storageParameters.map((p) => `${tsKey(p.name)}: ${parameterValue(p.value)}`).join(', ')} },`);
  }
  if (table.forceRowSecurity) lines.push("  rowSecurity: 'force',");
  else if (table.rowSecurity) lines.push('  rowSecurity: true,');
  if (policies.length > 0) {
    const columns = new Set(table.columns.map((c) => c.name));
    const items = policies.map((p) => emitPolicy(p, columns, imports));
    const text = tsList(items, '  ');
    lines.push(`  policies: ${/\$\{t[.[]/.test(text) ? '(t)' : '()'} => ${text},`);
  }
  return lines;
}
