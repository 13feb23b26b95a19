import type { FdwOption, ForeignColumn, ForeignServer, ForeignTable } from '../model';
import { ident, literal, qualified } from './quote';

/** ` OPTIONS (name 'value', …)`, empty without options. */
export function fdwOptionsSql(options: readonly FdwOption[]): string {
  return options.length === 0 ? '' : ` OPTIONS (${options.map((o) => `${ident(o.name)} ${literal(o.value)}`).join(', ')})`;
}

/** ` OPTIONS (ADD a 'x', SET b 'y', DROP c)` turning `from` into `to`; empty when they are equal. */
export function alterFdwOptionsSql(from: readonly FdwOption[], to: readonly FdwOption[]): string {
  const before = new Map(from.map((o) => [o.name, o.value]));
  const after = new Set(to.map((o) => o.name));
  const parts = [
    ...to.filter((o) => before.get(o.name) !== o.value).map((o) => `${before.has(o.name) ? 'SET' : 'ADD'} ${ident(o.name)} ${literal(o.value)}`),
    ...from.filter((o) => !after.has(o.name)).map((o) => `DROP ${ident(o.name)}`),
  ];
  return parts.length === 0 ? '' : ` OPTIONS (${parts.join(', ')})`;
}

/** `CREATE SERVER name [TYPE '…'] [VERSION '…'] FOREIGN DATA WRAPPER fdw [OPTIONS (…)]`. */
export function createForeignServerSql(s: ForeignServer): string {
  const type = s.type === null ? '' : ` TYPE ${literal(s.type)}`;
  const version = s.version === null ? '' : ` VERSION ${literal(s.version)}`;
  return `CREATE SERVER ${ident(s.name)}${type}${version} FOREIGN DATA WRAPPER ${ident(s.wrapper)}${fdwOptionsSql(s.options)}`;
}

export const dropForeignServerSql = (name: string): string => `DROP SERVER ${ident(name)}`;

/** `ALTER SERVER name [VERSION '…'] [OPTIONS (…)]`, or null when nothing of it changes. */
export function alterForeignServerSql(from: ForeignServer, to: ForeignServer): string | null {
  const version = from.version === to.version ? '' : ` VERSION ${to.version === null ? 'NULL' : literal(to.version)}`;
  const options = alterFdwOptionsSql(from.options, to.options);
  return version === '' && options === '' ? null : `ALTER SERVER ${ident(to.name)}${version}${options}`;
}

/** `name type [OPTIONS (…)] [NOT NULL] [DEFAULT …]`: a foreign table's column. */
export function foreignColumnSql(c: ForeignColumn): string {
  return `${ident(c.name)} ${c.type}${fdwOptionsSql(c.options)}${c.notNull ? ' NOT NULL' : ''}${c.default === null ? '' : ` DEFAULT ${c.default}`}`;
}

/** `CREATE FOREIGN TABLE schema.name (columns) SERVER server [OPTIONS (…)]`. */
/** `ALTER FOREIGN TABLE s.from RENAME TO to`. */
export function renameForeignTableSql(schema: string, from: string, to: string): string {
  return `ALTER FOREIGN TABLE ${qualified(schema, from)} RENAME TO ${ident(to)}`;
}

export function createForeignTableSql(t: ForeignTable): string {
  const columns = t.columns.map((c) => `    ${foreignColumnSql(c)}`).join(',\n');
  return `CREATE FOREIGN TABLE ${qualified(t.schema, t.name)} (\n${columns}\n) SERVER ${ident(t.server)}${fdwOptionsSql(t.options)}`;
}

export const dropForeignTableSql = (t: Pick<ForeignTable, 'schema' | 'name'>): string => `DROP FOREIGN TABLE ${qualified(t.schema, t.name)}`;

/**
 * `ALTER FOREIGN TABLE t action, …` turning `from` into `to` (columns matched by name: added, dropped, retyped,
 * NOT NULL, DEFAULT, OPTIONS; the table's OPTIONS), or null when only comments differ.
 */
export function alterForeignTableSql(from: ForeignTable, to: ForeignTable): string | null {
  const before = new Map(from.columns.map((c) => [c.name, c]));
  const after = new Set(to.columns.map((c) => c.name));
  const actions: string[] = from.columns.filter((c) => !after.has(c.name)).map((c) => `DROP COLUMN ${ident(c.name)}`);
  for (const c of to.columns) {
    const b = before.get(c.name);
    if (b === undefined) {
      actions.push(`ADD COLUMN ${foreignColumnSql(c)}`);
      continue;
    }
    const col = `ALTER COLUMN ${ident(c.name)}`;
    if (b.type !== c.type) actions.push(`${col} TYPE ${c.type}`);
    if (b.notNull !== c.notNull) actions.push(`${col} ${c.notNull ? 'SET' : 'DROP'} NOT NULL`);
    if (b.default !== c.default) actions.push(c.default === null ? `${col} DROP DEFAULT` : `${col} SET DEFAULT ${c.default}`);
    const options = alterFdwOptionsSql(b.options, c.options);
    if (options !== '') actions.push(`${col}${options}`);
  }
  const options = alterFdwOptionsSql(from.options, to.options);
  if (options !== '') actions.push(options.trim());
  return actions.length === 0 ? null : `ALTER FOREIGN TABLE ${qualified(to.schema, to.name)} ${actions.join(', ')}`;
}
