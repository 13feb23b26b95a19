import { ident, qualified } from '../sql';

/** `t.customer_id`, or `t['odd name']` when the column is not a JavaScript identifier. */
export const columnRefCode = (column: string): string =>
  /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(column) ? `t.${column}` : `t[${JSON.stringify(column).replace(/^"|"$/g, "'")}]`;

/** The index declaration to add to a table's `indexes: (t) => […]` (implicit name, as Postgres would choose). */
export const indexDeclarationCode = (columns: readonly string[]): string => `index().on(${columns.map(columnRefCode).join(', ')})`;

/** `CREATE INDEX CONCURRENTLY ON schema.table (a, b);` */
export const createIndexSql = (schema: string, table: string, columns: readonly string[]): string =>
  `CREATE INDEX CONCURRENTLY ON ${qualified(schema, table)} (${columns.map(ident).join(', ')});`;
