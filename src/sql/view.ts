import type { ColumnStorage, StorageParameter, View } from '../model';
import { ident, identList, qualified } from './quote';
import { storageParameterList } from './table-shape';

type ViewName = Pick<View, 'schema' | 'name' | 'materialized'>;

const viewWord = (v: Pick<View, 'materialized'>) => (v.materialized ? 'MATERIALIZED VIEW' : 'VIEW');

/** `WITH (security_barrier = true, …)` of a plain view, or ''. */
function viewOptions(v: View): string {
  const options = [...(v.securityBarrier ? ['security_barrier = true'] : []), ...(v.securityInvoker ? ['security_invoker = true'] : [])];
  return options.length > 0 ? ` WITH (${options.join(', ')})` : '';
}

/**
 * `CREATE [OR REPLACE] VIEW … AS query [WITH … CHECK OPTION]` or `CREATE MATERIALIZED VIEW … AS query
 * WITH [NO] DATA`. CREATE OR REPLACE replaces the options too (PostgreSQL applies them as
 * AT_ReplaceRelOptions), so the statement always states all of them.
 */
export function createViewSql(v: View, orReplace = false): string {
  const head = `CREATE ${orReplace ? 'OR REPLACE ' : ''}${viewWord(v)} ${qualified(v.schema, v.name)}`;
  if (v.materialized) {
    const options = v.storageParameters.length > 0 ? ` WITH (${storageParameterList(v.storageParameters)})` : '';
    return `${head}${options} AS\n${v.definition}\nWITH ${v.withData ? '' : 'NO '}DATA`;
  }
  const check = v.checkOption === null ? '' : `\nWITH ${v.checkOption.toUpperCase()} CHECK OPTION`;
  return `${head}${viewOptions(v)} AS\n${v.definition}${check}`;
}

/** `DROP [MATERIALIZED] VIEW schema.name`. */
export function dropViewSql(v: ViewName): string {
  return `DROP ${viewWord(v)} ${qualified(v.schema, v.name)}`;
}

/** `ALTER [MATERIALIZED] VIEW schema.from RENAME TO to`. */
export function renameViewSql(v: Pick<View, 'materialized'>, schema: string, from: string, to: string): string {
  return `ALTER ${viewWord(v)} ${qualified(schema, from)} RENAME TO ${ident(to)}`;
}

/** `ALTER MATERIALIZED VIEW s.v SET (…)` and/or `RESET (…)` of storage parameters ('' when both are empty). */
export function viewStorageParametersSql(v: Pick<View, 'schema' | 'name'>, set: readonly StorageParameter[], reset: readonly string[]): string {
  const head = `ALTER MATERIALIZED VIEW ${qualified(v.schema, v.name)}`;
  return [...(set.length > 0 ? [`${head} SET (${storageParameterList(set)})`] : []), ...(reset.length > 0 ? [`${head} RESET (${identList(reset)})`] : [])].join(
    ';\n',
  );
}

/** `REFRESH MATERIALIZED VIEW schema.name [WITH NO DATA]`. */
export function refreshViewSql(v: Pick<View, 'schema' | 'name'>, withData: boolean): string {
  return `REFRESH MATERIALIZED VIEW ${qualified(v.schema, v.name)}${withData ? '' : ' WITH NO DATA'}`;
}

type ViewColumnTarget = Pick<View, 'schema' | 'name' | 'materialized'>;
const alterViewColumn = (v: ViewColumnTarget, column: string) => `ALTER ${viewWord(v)} ${qualified(v.schema, v.name)} ALTER COLUMN ${ident(column)}`;

/** `ALTER VIEW s.v ALTER COLUMN c SET DEFAULT expression`, or `DROP DEFAULT` when `expression` is null. */
export function viewColumnDefaultSql(v: ViewColumnTarget, column: string, expression: string | null): string {
  return `${alterViewColumn(v, column)} ${expression === null ? 'DROP DEFAULT' : `SET DEFAULT ${expression}`}`;
}

/** `ALTER MATERIALIZED VIEW s.v ALTER COLUMN c SET STATISTICS n` (null: -1, the server's default target). */
export function viewColumnStatisticsSql(v: ViewColumnTarget, column: string, target: number | null): string {
  return `${alterViewColumn(v, column)} SET STATISTICS ${target ?? -1}`;
}

/** `ALTER MATERIALIZED VIEW s.v ALTER COLUMN c SET STORAGE s`. */
export function viewColumnStorageSql(v: ViewColumnTarget, column: string, storage: ColumnStorage): string {
  return `${alterViewColumn(v, column)} SET STORAGE ${storage.toUpperCase()}`;
}
