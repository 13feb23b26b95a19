import { normalizeExpression, type Index, type IndexKey } from '../model';
import type { Db } from '../db';
import { type AttributeMap, attributeName, ensureAttributes } from './attributes';
import { commentJoin, userObject, qualifiedName, tableKinds, userSchema } from './sql-fragments';
import { must } from '../util';
import { storageParameters } from './table-shapes';

/**
 * Indexes of user tables and materialized views, except those that back a PRIMARY KEY, UNIQUE or EXCLUDE constraint (they
 * belong to the constraint). The key vectors come back as arrays (0-based positions k < indnkeyatts are
 * keys, the rest INCLUDE columns) and are mapped in JavaScript; only indexes with expression keys run a
 * subquery, for pg_get_indexdef(indexrelid, k + 1, false) (one key's text) and the key type's collation.
 */
/** The key vectors of pg_index `i` (see Row), shared with the exclusion constraint reader. */
export const INDEX_KEY_COLUMNS = `i.indnkeyatts AS nkeys,
       i.indkey::pg_catalog.int2[] AS indkey, i.indoption::pg_catalog.int2[] AS indoption,
       i.indclass::pg_catalog.oid[] AS indclass, i.indcollation::pg_catalog.oid[] AS indcollation,
       CASE WHEN i.indexprs IS NOT NULL THEN
         (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(
                   CASE WHEN i.indkey[k.n] = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.n + 1, false) END,
                   t.typcollation) ORDER BY k.n)
            FROM pg_catalog.generate_series(0, i.indnkeyatts - 1) AS k(n)
            JOIN pg_catalog.pg_attribute ia ON ia.attrelid = i.indexrelid AND ia.attnum = k.n + 1
            JOIN pg_catalog.pg_type t ON t.oid = ia.atttypid)
       END AS expressions,
       (SELECT pg_catalog.json_agg(ia.attoptions ORDER BY ia.attnum) FROM pg_catalog.pg_attribute ia
         WHERE ia.attrelid = i.indexrelid AND ia.attnum <= i.indnkeyatts HAVING pg_catalog.bool_or(ia.attoptions IS NOT NULL)) AS opclass_options`;

const SQL = `
SELECT c.oid AS relid, n.nspname AS schema, c.relname AS "table", ic.relname AS name, i.indisunique AS "unique",
       am.amname AS method, pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS "where",
       i.indnullsnotdistinct AS nulls_not_distinct, ic.reloptions AS options, d.description AS comment, ${INDEX_KEY_COLUMNS}
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_am am ON am.oid = ic.relam
  ${commentJoin('d', 'pg_class', 'i.indexrelid')}
 WHERE (c.relkind IN ${tableKinds} OR c.relkind = 'm') AND ${userSchema('n')} AND ${userObject('pg_class', 'c.oid')}
   -- an index left INVALID by a failed CREATE INDEX CONCURRENTLY does not count (online plans drop and rebuild it); a
   -- partitioned table's is invalid only while some partitions have no index attached to it (Catalog.incompletePartitionIndexes)
   AND (i.indisvalid OR c.relkind = 'p')
   AND NOT ic.relispartition -- a partition's copy of its parent's index is the parent's
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint co
                    WHERE co.conindid = i.indexrelid AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x'))`;

/** pg_collation's OID of the database default collation ("default"), fixed in the catalog data. */
const DEFAULT_COLLATION_OID = 100;

/** Operator classes and collations are few (hundreds): read once, by OID, as ready-to-use SQL names. */
const NAMES_SQL = `
SELECT 'opclass' AS what, o.oid, ${qualifiedName('n', 'o.opcname')} AS name, o.opcdefault AS is_default
  FROM pg_catalog.pg_opclass o JOIN pg_catalog.pg_namespace n ON n.oid = o.opcnamespace
UNION ALL
SELECT 'collation', co.oid, ${qualifiedName('n', 'co.collname')}, false
  FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace`;

export interface Row {
  relid: number;
  schema: string;
  table: string;
  name: string;
  unique: boolean;
  method: string;
  where: string | null;
  nulls_not_distinct: boolean;
  /** The index's reloptions (`fillfactor=70`), absent for a row of another query. */
  options?: string[] | null;
  comment: string | null;
  nkeys: number;
  indkey: number[];
  indoption: number[];
  indclass: number[];
  indcollation: number[];
  /** Per key: [expression text or null, collation OID of the key's type]. */
  expressions: [string | null, number][] | null;
  /** Per key: its operator class's options (`siglen=8`), when some key has any. */
  opclass_options: (string[] | null)[] | null;
}

/** What toKey reads of a row. */
export type KeyRow = Pick<Row, 'relid' | 'indkey' | 'indoption' | 'indclass' | 'indcollation' | 'expressions' | 'opclass_options'>;

/** Readable names of operator classes and collations, by OID. */
export interface Names {
  readonly opclasses: Map<number, { name: string; isDefault: boolean }>;
  readonly collations: Map<number, string>;
}

/** Reads every operator class and collation name. */
export async function readNames(db: Db): Promise<Names> {
  const rows = await db.query<{ what: string; oid: number; name: string; is_default: boolean }>(NAMES_SQL);
  const names: Names = { opclasses: new Map(), collations: new Map() };
  for (const r of rows) {
    if (r.what === 'opclass') names.opclasses.set(Number(r.oid), { name: r.name, isDefault: r.is_default });
    else names.collations.set(Number(r.oid), r.name);
  }
  return names;
}

/**
 * Key k of an index. indoption bit 1 is DESC, bit 2 NULLS FIRST (DESC without NULLS LAST sets both, so the
 * default is stored explicitly). The opclass is reported when it is not the default for its type. The
 * collation is reported when it differs from the column's or, for an expression, from its type's default:
 * pg_get_indexdef compares with the expression's own collation, which the catalogs do not store, but
 * both sides of a diff are introspected the same way, so this stays consistent.
 */
export function toKey(r: KeyRow, k: number, attrs: AttributeMap, names: Names): IndexKey {
  const attnum = must(r.indkey[k], `key ${k} of an index`);
  const rawExpression = attnum === 0 ? (r.expressions?.[k]?.[0] ?? null) : null;
  const expression = rawExpression === null ? null : normalizeExpression(rawExpression);
  const baseCollation = attnum !== 0 ? (attrs.get(Number(r.relid))?.get(attnum)?.collation ?? 0) : Number(r.expressions?.[k]?.[1] ?? 0);
  // An expression key of an opclass whose storage type is not collatable (btree_gist's gbtreekey_var for
  // text) compares with the default collation: that is no choice of the user's, so it is not reported.
  const indexed = Number(r.indcollation[k] ?? 0);
  const collation = attnum === 0 && baseCollation === 0 && indexed === DEFAULT_COLLATION_OID ? 0 : indexed;
  const opclass = names.opclasses.get(Number(r.indclass[k]));
  const option = r.indoption[k] ?? 0;
  // Parameters follow the operator class's name, which is then kept even when it is the type's default.
  const options = storageParameters(r.opclass_options?.[k] ?? null);
  return {
    column: attnum !== 0 ? attributeName(attrs, Number(r.relid), attnum) : null,
    expression,
    opclass: opclass && (!opclass.isDefault || options.length > 0) ? opclass.name : null,
    ...(options.length > 0 ? { opclassOptions: options } : {}),
    collation: collation !== 0 && collation !== baseCollation ? (names.collations.get(collation) ?? null) : null,
    descending: (option & 1) !== 0,
    nullsFirst: (option & 2) !== 0,
  };
}

/** Maps one pg_index row to the model (absent facts null). */
function toIndex(r: Row, attrs: AttributeMap, names: Names): Index {
  const keys = Array.from({ length: r.nkeys }, (_, k) => toKey(r, k, attrs, names));
  const include = r.indkey.slice(r.nkeys).map((attnum) => attributeName(attrs, Number(r.relid), attnum));
  return {
    kind: 'Index',
    schema: r.schema,
    table: r.table,
    name: r.name,
    unique: r.unique,
    method: r.method,
    keys,
    include,
    where: r.where === null ? null : normalizeExpression(r.where),
    nullsNotDistinct: r.nulls_not_distinct,
    comment: r.comment ?? null,
    ...(!r.options || r.options.length === 0 ? {} : { storageParameters: storageParameters(r.options) }),
  };
}

/**
 * Every index of user tables that does not back a constraint: one query for the indexes and one small
 * one for operator class and collation names. `attrs` as for introspectConstraints.
 */
export async function introspectIndexes(db: Db, attrs: AttributeMap = new Map()): Promise<Index[]> {
  const rows = await db.query<Row>(SQL);
  if (rows.length === 0) return [];
  const names = await readNames(db);
  await ensureAttributes(
    db,
    attrs,
    rows.map((r) => Number(r.relid)),
  );
  return rows.map((r) => toIndex(r, attrs, names));
}
