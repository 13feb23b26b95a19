import type { Column, ColumnStorage, ReplicaIdentity, Table, TableName, StorageParameter } from '../model';
import { identList, ident, literal, qualified } from './quote';

/** `s.t` of a table name. */
const name = (t: TableName): string => qualified(t.schema, t.name);

/** `CREATE [UNLOGGED] TABLE`. */
export function createTableKeyword(t: Table): string {
  return t.persistence === 'unlogged' ? 'CREATE UNLOGGED TABLE' : 'CREATE TABLE';
}

/** `name = value` pairs of a storage parameter list (values are reloptions text: numbers, words). */
export function storageParameterList(params: readonly StorageParameter[]): string {
  return params.map((p) => `${ident(p.name)} = ${/^[A-Za-z0-9_.+-]+$/.test(p.value) ? p.value : literal(p.value)}`).join(', ');
}

/**
 * What follows the column list of CREATE TABLE: `INHERITS (…)`, `PARTITION BY …`, `WITH (…)`. For a
 * partition (`PARTITION OF parent`) the bound comes first, as the grammar wants.
 */
export function tableClausesSql(t: Table): string {
  const parts: string[] = [];
  if (t.partitionOf !== null) parts.push(t.partitionOf.bound);
  if (t.inherits.length > 0) parts.push(`INHERITS (${t.inherits.map(name).join(', ')})`);
  if (t.partitionBy !== null) parts.push(`PARTITION BY ${t.partitionBy.strategy.toUpperCase()} (${t.partitionBy.key})`);
  if (t.storageParameters.length > 0) parts.push(`WITH (${storageParameterList(t.storageParameters)})`);
  return parts.map((p) => ` ${p}`).join('');
}

/** `PARTITION OF parent ` between the table name and the optional constraint list of a partition. */
export function partitionOfSql(t: Table): string {
  return t.partitionOf === null ? '' : ` PARTITION OF ${qualified(t.partitionOf.schema, t.partitionOf.table)}`;
}

/** `ALTER TABLE t SET LOGGED | SET UNLOGGED`. */
export function setPersistenceSql(t: TableName, persistence: Table['persistence']): string {
  return `ALTER TABLE ${name(t)} SET ${persistence === 'unlogged' ? 'UNLOGGED' : 'LOGGED'}`;
}

/** `ALTER TABLE t SET (name = value, …)`. */
export function setStorageParametersSql(t: TableName, params: readonly StorageParameter[]): string {
  return `ALTER TABLE ${name(t)} SET (${storageParameterList(params)})`;
}

/** `ALTER TABLE t ALTER COLUMN c SET STATISTICS n` (null: -1, the server's default target). */
export function setColumnStatisticsSql(t: TableName, column: string, target: number | null): string {
  return `ALTER TABLE ${name(t)} ALTER COLUMN ${ident(column)} SET STATISTICS ${target ?? -1}`;
}

/** `ALTER TABLE t ALTER COLUMN c SET (n_distinct = …)` / `RESET (…)`: attribute options; '' when both lists are empty. */
export function columnOptionsSql(t: TableName, column: string, set: readonly StorageParameter[], reset: readonly string[]): string {
  const head = `ALTER TABLE ${name(t)} ALTER COLUMN ${ident(column)}`;
  return [...(set.length > 0 ? [`${head} SET (${storageParameterList(set)})`] : []), ...(reset.length > 0 ? [`${head} RESET (${identList(reset)})`] : [])].join(
    ';\n',
  );
}

/** `ALTER TABLE t RESET (name, …)`. */
export function resetStorageParametersSql(t: TableName, names: readonly string[]): string {
  return `ALTER TABLE ${name(t)} RESET (${identList(names)})`;
}

/** `ALTER TABLE t ENABLE | DISABLE ROW LEVEL SECURITY`. */
export function rowSecuritySql(t: TableName, enabled: boolean): string {
  return `ALTER TABLE ${name(t)} ${enabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`;
}

/** `ALTER TABLE t [NO] FORCE ROW LEVEL SECURITY` (RLS applies to the owner too). */
export function forceRowSecuritySql(t: TableName, forced: boolean): string {
  return `ALTER TABLE ${name(t)} ${forced ? '' : 'NO '}FORCE ROW LEVEL SECURITY`;
}

/** `ALTER TABLE t REPLICA IDENTITY DEFAULT | FULL | NOTHING | USING INDEX i`. */
export function replicaIdentitySql(t: TableName, r: ReplicaIdentity): string {
  return `ALTER TABLE ${name(t)} REPLICA IDENTITY ${typeof r === 'string' ? r.toUpperCase() : `USING INDEX ${ident(r.index)}`}`;
}

/** `ALTER TABLE t CLUSTER ON index`, or `SET WITHOUT CLUSTER` for none. */
export function clusterOnSql(t: TableName, index: string | undefined): string {
  return `ALTER TABLE ${name(t)} ${index === undefined ? 'SET WITHOUT CLUSTER' : `CLUSTER ON ${ident(index)}`}`;
}

/** `ALTER TABLE parent ATTACH PARTITION t bound`. */
export function attachPartitionSql(t: Table): string {
  const p = t.partitionOf;
  if (p === null) throw new Error(`${t.schema}.${t.name} is not a partition`);
  return `ALTER TABLE ${qualified(p.schema, p.table)} ATTACH PARTITION ${name(t)} ${p.bound}`;
}

/** `ALTER TABLE parent DETACH PARTITION t`. */
export function detachPartitionSql(t: Table): string {
  const p = t.partitionOf;
  if (p === null) throw new Error(`${t.schema}.${t.name} is not a partition`);
  return `ALTER TABLE ${qualified(p.schema, p.table)} DETACH PARTITION ${name(t)}`;
}

/**
 * A DO block dropping the keys, foreign keys, exclusion constraints and indexes of a table except the named
 * ones (checks and NOT NULL constraints stay).
 * Run right after DETACH PARTITION: the copies of the parent's members that the partition had are its own
 * then, under names Postgres chose, which the model does not hold (they were the parent's). A constraint
 * with a parent constraint is left to it: a foreign key now the partition's own that references a partitioned
 * table has one such row per referenced partition (PostgreSQL 15.9+ adds them on DETACH), dropped with it.
 * The indexes of the keys kept stay with them.
 */
export function dropMembersExceptSql(t: TableName, keepConstraints: readonly string[], keepIndexes: readonly string[]): string {
  const rel = literal(name(t));
  const list = (names: readonly string[]) => `ARRAY[${names.map(literal).join(', ')}]::pg_catalog.text[]`;
  return [
    'DO $schemakit$',
    'DECLARE r record;',
    'BEGIN',
    `  FOR r IN SELECT conname FROM pg_catalog.pg_constraint WHERE conrelid = ${rel}::pg_catalog.regclass AND contype IN ('f', 'p', 'u', 'x')`,
    `             AND conparentid = 0 AND conname <> ALL (${list(keepConstraints)}) ORDER BY contype <> 'f', conname LOOP`,
    `    EXECUTE pg_catalog.format('ALTER TABLE %s DROP CONSTRAINT %I', ${rel}, r.conname);`,
    '  END LOOP;',
    `  FOR r IN SELECT c.relname FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid`,
    `           WHERE i.indrelid = ${rel}::pg_catalog.regclass AND c.relname <> ALL (${list(keepIndexes)})`,
    `             AND NOT EXISTS (SELECT FROM pg_catalog.pg_constraint k WHERE k.conrelid = i.indrelid AND k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))`,
    `           ORDER BY c.relname LOOP`,
    `    EXECUTE pg_catalog.format('DROP INDEX %I.%I', ${literal(t.schema)}, r.relname);`,
    '  END LOOP;',
    'END',
    '$schemakit$',
  ].join('\n');
}

/** `ALTER TABLE t INHERIT parent` / `NO INHERIT parent`. */
export function inheritSql(t: TableName, parent: TableName, inherit: boolean): string {
  return `ALTER TABLE ${name(t)} ${inherit ? '' : 'NO '}INHERIT ${name(parent)}`;
}

/**
 * The storage a column type has by default (pg_type.typstorage), which SET STORAGE must name to go back to
 * it (`SET STORAGE DEFAULT` exists only since PostgreSQL 16): `main` for numeric, inet and cidr, `plain`
 * for tsquery, `extended` for every other variable-length type (arrays included). User types are assumed
 * `extended`.
 */
export function defaultStorage(type: string): ColumnStorage {
  const base = type.trim();
  if (base.endsWith(']')) return 'extended';
  const name = base.replace(/\(.*\)$/, '').trim();
  if (name === 'numeric' || name === 'inet' || name === 'cidr') return 'main';
  if (name === 'tsquery') return 'plain';
  return 'extended';
}

/** `ALTER TABLE t ALTER COLUMN c SET STORAGE s`. */
export function setColumnStorageSql(t: TableName, column: string, storage: ColumnStorage): string {
  return `ALTER TABLE ${name(t)} ALTER COLUMN ${ident(column)} SET STORAGE ${storage.toUpperCase()}`;
}

/** `ALTER TABLE t ALTER COLUMN c SET COMPRESSION method` (`DEFAULT` for the server's default). */
export function setColumnCompressionSql(t: TableName, column: Pick<Column, 'name' | 'compression'>): string {
  return `ALTER TABLE ${name(t)} ALTER COLUMN ${ident(column.name)} SET COMPRESSION ${column.compression === null ? 'DEFAULT' : ident(column.compression)}`;
}
