import { ident, qualified } from './quote';

/** The object kinds `renameObjectSql` renames, as `ALTER <keyword> … RENAME TO` names them. */
const KEYWORD = {
  ForeignServer: 'SERVER',
  Publication: 'PUBLICATION',
  TextSearchDictionary: 'TEXT SEARCH DICTIONARY',
  TextSearchConfiguration: 'TEXT SEARCH CONFIGURATION',
  Statistics: 'STATISTICS',
} as const;

/** `ALTER SERVER|PUBLICATION|TEXT SEARCH …|STATISTICS [schema.]from RENAME TO to` (schema null: database-level). */
export function renameObjectSql(object: keyof typeof KEYWORD, schema: string | null, from: string, to: string): string {
  return `ALTER ${KEYWORD[object]} ${schema === null ? ident(from) : qualified(schema, from)} RENAME TO ${ident(to)}`;
}

/** `ALTER FOREIGN TABLE schema.table RENAME COLUMN from TO to`. */
export function renameForeignColumnSql(schema: string, table: string, from: string, to: string): string {
  return `ALTER FOREIGN TABLE ${qualified(schema, table)} RENAME COLUMN ${ident(from)} TO ${ident(to)}`;
}
