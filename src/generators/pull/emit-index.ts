import type { Index, IndexKey, Table } from '../../model';
import { collateArgument } from './collation';
import { parameterRecord } from './emit-table-shape';
import type { Imports } from './imports';
import type { PullContext } from './pull-context';
import { sqlTemplate, unwrapParens } from './sql-template';
import { tsAccess, tsString } from './ts-text';

/**
 * A column in a table's members: `t.col` for one of its own columns, else (a partition's or an inheriting
 * table's column, which `t` does not hold) the column's name.
 */
export const columnRef = (name: string, own: ReadonlySet<string>): string => (own.has(name) ? tsAccess('t', name) : tsString(name));

/** One index key: `t.col`, `sql\`lower(${t.email})\``, with `.collate()`, `.opclass()`, `.desc()`, `.nullsFirst()`/`.nullsLast()` as needed. */
export function indexKey(k: IndexKey, columns: ReadonlySet<string>, imports: Imports): string {
  let mods = '';
  if (k.collation !== null) mods += `.collate(${tsString(collateArgument(k.collation))})`;
  if (k.opclass !== null) mods += `.opclass(${tsString(k.opclass)}${k.opclassOptions !== undefined ? `, ${parameterRecord(k.opclassOptions)}` : ''})`;
  if (k.descending) mods += '.desc()';
  // Postgres's default is NULLS LAST for ASC and NULLS FIRST for DESC; only the other one is written.
  if (k.nullsFirst !== k.descending) mods += k.nullsFirst ? '.nullsFirst()' : '.nullsLast()';
  if (k.column !== null)
    return columns.has(k.column) || mods === '' ? columnRef(k.column, columns) + mods : `${imports.lib('key')}(${tsString(k.column)})${mods}`;
  imports.lib('sql');
  const expr = sqlTemplate(unwrapParens(k.expression ?? ''), columns);
  return mods === '' ? expr : `${imports.lib('key')}(${expr})${mods}`;
}

/** `index('name').on(t.a, t.b.desc()).using('gin').unique()…` for the table's `indexes:` list. */
export function emitIndex(i: Index, table: Table, ctx: PullContext, imports: Imports): string {
  const columns = new Set(table.columns.map((c) => c.name));
  let out = `${imports.lib('index')}(${ctx.implicit.index(i) ? '' : tsString(i.name)}).on(${i.keys.map((k) => indexKey(k, columns, imports)).join(', ')})`;
  if (i.method !== 'btree') out += `.using(${tsString(i.method)})`;
  if (i.unique) out += '.unique()';
  if (i.nullsNotDistinct) out += '.nullsNotDistinct()';
  if (i.storageParameters && i.storageParameters.length > 0) out += `.storageParameters(${parameterRecord(i.storageParameters)})`;
  if (i.include.length > 0) out += `.include(${i.include.map((c) => columnRef(c, columns)).join(', ')})`;
  if (i.where !== null) out += `.where(${imports.lib('sql') && sqlTemplate(unwrapParens(i.where), columns)})`;
  if (i.comment !== null) out += `.comment(${tsString(i.comment)})`;
  return out;
}
