import type { Index, IndexKey } from '../model';
import { parens } from './expr';
import { ident, identList, qualified } from './quote';
import { storageParameterList } from './table-shape';

/** One index key: column or (expression), COLLATE, opclass, DESC, NULLS FIRST/LAST when not the default. */
export function indexKeySql(k: IndexKey): string {
  const parts = [k.column !== null ? ident(k.column) : parens(k.expression ?? '')];
  if (k.collation !== null) parts.push(`COLLATE ${k.collation}`);
  if (k.opclass !== null) parts.push(k.opclass + (k.opclassOptions !== undefined ? ` (${storageParameterList(k.opclassOptions)})` : ''));
  if (k.descending) parts.push('DESC');
  // Default: NULLS LAST for ASC, NULLS FIRST for DESC.
  if (k.nullsFirst !== k.descending) parts.push(k.nullsFirst ? 'NULLS FIRST' : 'NULLS LAST');
  return parts.join(' ');
}

/** `CREATE [UNIQUE] INDEX name ON s.t USING method (keys) [INCLUDE (…)] [NULLS NOT DISTINCT] [WHERE (…)]`. */
export function createIndexSql(i: Index): string {
  return indexSql(i, false);
}

/** `CREATE [UNIQUE] INDEX CONCURRENTLY …` (cannot run in a transaction block). */
export function createIndexConcurrentlySql(i: Index): string {
  return indexSql(i, true);
}

/** `CREATE [UNIQUE] INDEX … ON ONLY parent …`: a partitioned table's index without its partitions' parts (invalid until they are attached). */
export function createIndexOnlySql(i: Index): string {
  return indexSql(i, false, true);
}

function indexSql(i: Index, concurrently: boolean, only = false): string {
  let sql = `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${concurrently ? 'CONCURRENTLY ' : ''}${ident(i.name)} ON ${only ? 'ONLY ' : ''}${qualified(i.schema, i.table)} USING ${i.method} (${i.keys.map(indexKeySql).join(', ')})`;
  if (i.include.length > 0) sql += ` INCLUDE (${identList(i.include)})`;
  // NULLS NOT DISTINCT: PostgreSQL ≥ 15, unique indexes only.
  if (i.nullsNotDistinct) sql += ' NULLS NOT DISTINCT';
  if (i.storageParameters && i.storageParameters.length > 0) sql += ` WITH (${storageParameterList(i.storageParameters)})`;
  if (i.where !== null) sql += ` WHERE ${parens(i.where)}`;
  return sql;
}

/**
 * `DROP INDEX s.name`; `cascade` for a partitioned table's index that partitions' own keys are attached to
 * (Postgres drops them only with CASCADE; the caller knows that nothing else depends on them).
 */
export function dropIndexSql(i: Pick<Index, 'schema' | 'name'>, cascade = false): string {
  return `DROP INDEX ${qualified(i.schema, i.name)}${cascade ? ' CASCADE' : ''}`;
}

/** `ALTER INDEX s.from RENAME TO to`. */
export function renameIndexSql(schema: string, from: string, to: string): string {
  return `ALTER INDEX ${qualified(schema, from)} RENAME TO ${ident(to)}`;
}
