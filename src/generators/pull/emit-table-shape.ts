import { splitTopLevel, type ColumnOverride, type PartitionBy, type PartitionOf, type Policy, type StorageParameter, type Table } from '../../model';
import type { Imports } from './imports';
import type { PullContext } from './pull-context';
import { pullKey } from './pull-names';
import { sqlTemplate, unwrapParens } from './sql-template';
import { tsAccess, tsKey, tsList, tsString } from './ts-text';

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

/** `{ fillfactor: 70, autovacuum_enabled: false }`: a parameter list as the declaration's record. */
export const parameterRecord = (ps: readonly StorageParameter[]): string => `{ ${ps.map((p) => `${tsKey(p.name)}: ${parameterValue(p.value)}`).join(', ')} }`;

/** `(t) => ({ range: [t.created_at, sql\`lower(${t.name})\`] })`: columns as `t.x`, expressions as SQL. */
function partitionBySpec(by: PartitionBy, columns: ReadonlySet<string>, imports: Imports): string {
  const keys = splitTopLevel(by.key).map((k) => {
    const name = /^"((?:[^"]|"")+)"$/.exec(k)?.[1]?.replace(/""/g, '"') ?? k;
    return columns.has(name) ? tsAccess('t', name) : imports.lib('sql') && sqlTemplate(unwrapParens(k), columns);
  });
  return `(t) => ({ ${by.strategy}: [${keys.join(', ')}] })`;
}

/** The values of a bound list: `MINVALUE`/`MAXVALUE` as strings, literals as SQL. */
const boundValues = (list: string, imports: Imports): string =>
  `[${splitTopLevel(list)
    .map((v) => (v === 'MINVALUE' || v === 'MAXVALUE' ? tsString(v) : imports.lib('sql') && sqlTemplate(v)))
    .join(', ')}]`;

/** `{ parent, from: […], to: […] }`, `{ parent, in: […] }`, `{ parent, modulus, remainder }` or `{ parent, isDefault: true }`. */
function partitionOfSpec(of: PartitionOf, ctx: PullContext, imports: Imports): string {
  const parent = imports.ref(ctx.names.tables.get(pullKey(of.schema, of.table))!);
  if (of.bound === 'DEFAULT') return `{ parent: ${parent}, isDefault: true }`;
  const range = /^FOR VALUES FROM \((.*)\) TO \((.*)\)$/s.exec(of.bound);
  const [, from, to] = range ?? [];
  if (from !== undefined && to !== undefined) return `{ parent: ${parent}, from: ${boundValues(from, imports)}, to: ${boundValues(to, imports)} }`;
  const inList = /^FOR VALUES IN \((.*)\)$/s.exec(of.bound);
  const values = inList?.[1];
  if (values !== undefined) return `{ parent: ${parent}, in: ${boundValues(values, imports)} }`;
  const hash = /^FOR VALUES WITH \(modulus (\d+), remainder (\d+)\)$/.exec(of.bound)!;
  return `{ parent: ${parent}, modulus: ${hash[1]}, remainder: ${hash[2]} }`;
}

/** `{ notNull: true, default: sql\`…\` }` of one inherited column (`default: null`: none). */
function inheritedColumnSpec(o: ColumnOverride, imports: Imports): string {
  const parts: string[] = [];
  if (o.notNull !== null) parts.push(`notNull: ${o.notNull}`);
  if (o.default !== null) parts.push(`default: ${o.default.expression === null ? 'null' : imports.lib('sql') && sqlTemplate(o.default.expression)}`);
  return `{ ${parts.join(', ')} }`;
}

/** The table options lines of a table's shape (partitioning, inheritance, unlogged, storage parameters, row-level security, policies). */
export function tableShapeLines(table: Table, policies: readonly Policy[], ctx: PullContext, imports: Imports): string[] {
  const lines: string[] = [];
  const columns = new Set(table.columns.map((c) => c.name));
  if (table.partitionBy !== null) lines.push(`  partitionBy: ${partitionBySpec(table.partitionBy, columns, imports)},`);
  if (table.partitionOf !== null) lines.push(`  partitionOf: ${partitionOfSpec(table.partitionOf, ctx, imports)},`);
  if (table.inherits.length > 0)
    lines.push(`  inherits: [${table.inherits.map((p) => imports.ref(ctx.names.tables.get(pullKey(p.schema, p.name))!)).join(', ')}],`);
  if (table.columnOverrides.length > 0) {
    lines.push(`  inheritedColumns: { ${table.columnOverrides.map((o) => `${tsKey(o.name)}: ${inheritedColumnSpec(o, imports)}`).join(', ')} },`);
  }
  if (table.persistence === 'unlogged') lines.push('  unlogged: true,');
  if (table.storageParameters.length > 0) {
    lines.push(`  storageParameters: ${parameterRecord(table.storageParameters)},`);
  }
  if (table.forceRowSecurity) lines.push("  rowSecurity: 'force',");
  else if (table.rowSecurity) lines.push('  rowSecurity: true,');
  if (table.replicaIdentity !== 'default') {
    const r = table.replicaIdentity;
    lines.push(`  replicaIdentity: ${typeof r === 'string' ? tsString(r) : `{ index: ${tsString(r.index)} }`},`);
  }
  if (table.clusterOn !== undefined) lines.push(`  clusterOn: ${tsString(table.clusterOn)},`);
  if (policies.length > 0) {
    const items = policies.map((p) => emitPolicy(p, columns, imports));
    const text = tsList(items, '  ');
    lines.push(`  policies: ${/\$\{t[.[]/.test(text) ? '(t)' : '()'} => ${text},`);
  }
  return lines;
}
