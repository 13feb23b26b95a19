import type { Db } from '../db';
import type { Column, ColumnStorage, PartitionBy, PartitionStrategy, ReplicaIdentity, StorageParameter, Table, TableName } from '../model';
import { canonicalParameterValue, plainTable } from '../model';
import { SchemakitError } from '../util';
import { userObject, tableKinds, userSchema } from './sql-fragments';

/** The shape fields of a Table (everything but identity, columns and comment). */
export type TableShape = Pick<Table, keyof typeof plainTable>;

/**
 * The shape of every table that is not plain (unlogged, with storage parameters, RLS, partitioned, a
 * partition, or inheriting), one row each. Parents come from pg_inherits in inhseqno order; a partition's
 * single parent is its `PARTITION OF` table. With search_path = '' pg_get_partkeydef and the bound come out
 * schema-qualified wherever it matters.
 */
const SQL = `
SELECT n.nspname AS schema, c.relname AS name, c.relpersistence AS persistence, c.reloptions AS options,
       c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls, c.relispartition AS is_partition,
       c.relreplident AS replident,
       CASE WHEN c.relreplident = 'i' THEN (SELECT ic.relname FROM pg_catalog.pg_index ri JOIN pg_catalog.pg_class ic ON ic.oid = ri.indexrelid
                                              WHERE ri.indrelid = c.oid AND ri.indisreplident) END AS replident_index,
       (SELECT ic.relname FROM pg_catalog.pg_index ci JOIN pg_catalog.pg_class ic ON ic.oid = ci.indexrelid
         WHERE ci.indrelid = c.oid AND ci.indisclustered) AS cluster_index,
       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partkey,
       CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS bound,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(pn.nspname, pc.relname) ORDER BY i.inhseqno)
          FROM pg_catalog.pg_inherits i
          JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent
          JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE i.inhrelid = c.oid) AS parents
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ${tableKinds} AND ${userSchema('n')} AND ${userObject('pg_class', 'c.oid')}
   AND (c.relkind = 'p' OR c.relispartition OR c.relpersistence <> 'p' OR c.reloptions IS NOT NULL OR c.relrowsecurity
        OR c.relforcerowsecurity OR c.relreplident <> 'd' OR c.oid IN (SELECT inhrelid FROM pg_catalog.pg_inherits)
        OR c.oid IN (SELECT indrelid FROM pg_catalog.pg_index WHERE indisclustered))`;

interface Row {
  schema: string;
  name: string;
  persistence: string;
  options: string[] | null;
  rls: boolean;
  force_rls: boolean;
  replident: string;
  replident_index: string | null;
  cluster_index: string | null;
  is_partition: boolean;
  partkey: string | null;
  bound: string | null;
  parents: [string, string][] | null;
}

const strategies: Record<string, PartitionStrategy> = { RANGE: 'range', LIST: 'list', HASH: 'hash' };

/** `RANGE (created_at)` → { strategy: 'range', key: 'created_at' }. */
function partitionBy(r: Row, text: string): PartitionBy {
  const [, method = '', key = ''] = /^(RANGE|LIST|HASH) \((.*)\)$/s.exec(text) ?? [];
  const strategy = strategies[method];
  if (strategy === undefined) throw new SchemakitError('introspect', 'unsupported', `${r.schema}.${r.name}: partition key '${text}' is not understood`);
  return { strategy, key };
}

/** reloptions entries `name=value`, sorted by name, values by meaning (canonicalParameterValue). */
export function storageParameters(options: readonly string[] | null): StorageParameter[] {
  return (options ?? [])
    .map((o) => {
      const eq = o.indexOf('=');
      return { name: eq < 0 ? o : o.slice(0, eq), value: eq < 0 ? '' : canonicalParameterValue(o.slice(eq + 1)) };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * relreplident: `d` default, `f` full, `n` nothing, `i` an index. An `i` whose index was dropped acts as
 * `nothing` (PostgreSQL keeps the letter): it is read so, since no index can be named.
 */
function replicaIdentity(r: Row): ReplicaIdentity {
  if (r.replident === 'i') return r.replident_index === null ? 'nothing' : { index: r.replident_index };
  return r.replident === 'f' ? 'full' : r.replident === 'n' ? 'nothing' : 'default';
}

function toShape(r: Row): TableShape {
  const parents: TableName[] = (r.parents ?? []).map(([schema, name]) => ({ schema, name }));
  if (r.persistence !== 'p' && r.persistence !== 'u') {
    throw new SchemakitError('introspect', 'unsupported', `${r.schema}.${r.name}: relpersistence '${r.persistence}'`);
  }
  return {
    partitionBy: r.partkey === null ? null : partitionBy(r, r.partkey),
    partitionOf: r.is_partition && parents[0] ? { schema: parents[0].schema, table: parents[0].name, bound: r.bound ?? 'DEFAULT' } : null,
    inherits: r.is_partition ? [] : parents,
    persistence: r.persistence === 'u' ? 'unlogged' : 'permanent',
    storageParameters: storageParameters(r.options),
    rowSecurity: r.rls,
    forceRowSecurity: r.force_rls,
    replicaIdentity: replicaIdentity(r),
    columnOverrides: [],
    ...(r.cluster_index === null ? {} : { clusterOn: r.cluster_index }),
  };
}

/** Shapes of the tables that are not plain, by `schema\0name` (others are `plainTable`). */
export async function introspectTableShapes(db: Db): Promise<Map<string, TableShape>> {
  const rows = await db.query<Row>(SQL);
  return new Map(rows.map((r) => [`${r.schema}\u0000${r.name}`, toShape(r)]));
}

const storages: Record<string, ColumnStorage> = { p: 'plain', e: 'external', x: 'extended', m: 'main' };
const compressions: Record<string, string> = { p: 'pglz', l: 'lz4' };

/** A column's storage (when not its type's) and compression (when set), from attstorage / attcompression. */
export function columnStorage(r: ColumnStorageRow): Pick<Column, 'storage' | 'compression' | 'statistics' | 'attributeOptions'> {
  return {
    storage: r.storage === null ? null : (storages[r.storage] ?? null),
    compression: r.compression === null ? null : (compressions[r.compression] ?? r.compression),
    // attstattarget: -1 is the default up to PostgreSQL 16, NULL from 17 on (the query maps -1 to NULL).
    statistics: r.stattarget === null ? null : Number(r.stattarget),
    attributeOptions: storageParameters(r.attoptions).filter((o) => attributeOptionNames.has(o.name)),
  };
}

/**
 * The attribute options PostgreSQL defines (ALTER TABLE … ALTER COLUMN … SET): only these are managed, as
 * a server module may keep its own entries in attoptions (one seen here adds `pg_attver` to every column).
 */
const attributeOptionNames = new Set(['n_distinct', 'n_distinct_inherited']);

/** What columnStorage reads of a pg_attribute row. */
export interface ColumnStorageRow {
  readonly storage: string | null;
  readonly compression: string | null;
  readonly stattarget: number | string | null;
  readonly attoptions: readonly string[] | null;
}
