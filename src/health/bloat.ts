import { queryRow, type Db } from '../db';
import { hasExtension, num, round1, systemSchemas } from './context';

/** Wasted space in a table or a btree index, estimated from statistics or measured by pgstattuple. */
export interface Bloat {
  readonly schema: string;
  /** The table, or the index's table. */
  readonly table: string;
  /** The index name, or null for the table itself. */
  readonly index: string | null;
  readonly oid: number;
  readonly bytes: number;
  readonly bloatBytes: number;
  readonly bloatPct: number;
  readonly method: 'estimate' | 'pgstattuple';
}

/**
 * The statistics-based estimate (after ioguix's well-known query, simplified): the pages the live rows
 * need, from pg_class.reltuples and the average column widths in pg_stats, with the tuple header, null
 * bitmap, item pointer, page header and fillfactor, against the pages the table has. Tables without
 * statistics on every column (never analyzed) are left out.
 */
const TABLE_SQL = `
WITH cols AS (
  SELECT c.oid, n.nspname AS schema, c.relname AS "table", c.reltuples, c.relpages,
         coalesce((SELECT substring(o FROM 'fillfactor=([0-9]+)')::int FROM unnest(c.reloptions) o WHERE o LIKE 'fillfactor=%'), 100) AS ff,
         count(a.attnum) AS ncols, count(st.attname) AS nstats,
         sum((1 - coalesce(st.null_frac, 0)) * coalesce(st.avg_width, 0)) AS data_width,
         bool_or(coalesce(st.null_frac, 0) > 0) AS has_nulls
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_catalog.pg_stats st ON st.schemaname = n.nspname AND st.tablename = c.relname AND st.attname = a.attname AND NOT st.inherited
   WHERE c.relkind IN ('r', 'm') AND c.reltuples >= 0 AND c.relpages > 0 AND ${systemSchemas}
   GROUP BY c.oid, n.nspname, c.relname, c.reltuples, c.relpages, c.reloptions)
SELECT oid::int8 AS oid, schema, "table", NULL::text AS index, relpages::float8 AS pages, current_setting('block_size')::float8 AS bs,
       ceil(reltuples * (ceil((23 + CASE WHEN has_nulls THEN (ncols + 7) / 8 ELSE 0 END) / 8.0) * 8 + ceil(data_width / 8.0) * 8 + 4)
            / ((current_setting('block_size')::int - 24) * ff / 100.0))::float8 AS expected_pages
  FROM cols WHERE nstats = ncols`;

/** Btree indexes on plain columns: index tuples of the key widths (8-byte header, alignment, item pointer), leaf fillfactor 90 by default, plus the metapage. */
const INDEX_SQL = `
WITH keys AS (
  SELECT ci.oid, n.nspname AS schema, ct.relname AS "table", ci.relname AS index, ci.reltuples, ci.relpages,
         coalesce((SELECT substring(o FROM 'fillfactor=([0-9]+)')::int FROM unnest(ci.reloptions) o WHERE o LIKE 'fillfactor=%'), 90) AS ff,
         count(*) AS nkeys, count(st.attname) AS nstats, sum(coalesce(st.avg_width, 0)) AS key_width
    FROM pg_catalog.pg_index i
    JOIN pg_catalog.pg_class ci ON ci.oid = i.indexrelid
    JOIN pg_catalog.pg_class ct ON ct.oid = i.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = ct.relnamespace
    JOIN pg_catalog.pg_am am ON am.oid = ci.relam AND am.amname = 'btree'
    CROSS JOIN LATERAL unnest(string_to_array(i.indkey::text, ' ')::int2[]) k(attnum)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    LEFT JOIN pg_catalog.pg_stats st ON st.schemaname = n.nspname AND st.tablename = ct.relname AND st.attname = a.attname AND NOT st.inherited
   WHERE i.indexprs IS NULL AND ci.relkind = 'i' AND ci.reltuples >= 0 AND ci.relpages > 1 AND ${systemSchemas}
   GROUP BY ci.oid, n.nspname, ct.relname, ci.relname, ci.reltuples, ci.relpages, ci.reloptions)
SELECT oid::int8 AS oid, schema, "table", index, relpages::float8 AS pages, current_setting('block_size')::float8 AS bs,
       (1 + ceil(reltuples * (8 + ceil(key_width / 8.0) * 8 + 4) / ((current_setting('block_size')::int - 24 - 16) * ff / 100.0)))::float8 AS expected_pages
  FROM keys WHERE nstats = nkeys`;

function fromEstimate(r: Record<string, unknown>): Bloat {
  const pages = num(r.pages)!;
  const bs = num(r.bs)!;
  const wasted = Math.max(0, pages - num(r.expected_pages)!);
  return {
    schema: r.schema as string,
    table: r.table as string,
    index: (r.index as string | null) ?? null,
    oid: num(r.oid)!,
    bytes: pages * bs,
    bloatBytes: wasted * bs,
    bloatPct: pages > 0 ? round1((100 * wasted) / pages) : 0,
    method: 'estimate',
  };
}

/** Measures one relation with pgstattuple (reads it whole): dead tuples and free space, or a btree's leaf density. */
async function measure(db: Db, b: Bloat): Promise<Bloat> {
  if (b.index === null) {
    const r = await queryRow<Record<string, unknown>>(
      db,
      'SELECT table_len::float8 AS len, (dead_tuple_len + free_space)::float8 AS wasted FROM pgstattuple($1::oid::regclass)',
      [b.oid],
    );
    const len = num(r.len)!;
    const wasted = num(r.wasted)!;
    return { ...b, bytes: len, bloatBytes: wasted, bloatPct: len > 0 ? round1((100 * wasted) / len) : 0, method: 'pgstattuple' };
  }
  const r = await queryRow<Record<string, unknown>>(
    db,
    'SELECT index_size::float8 AS len, leaf_pages::float8 AS leaves, avg_leaf_density::float8 AS density FROM pgstatindex($1::oid::regclass)',
    [b.oid],
  );
  const len = num(r.len)!;
  const density = num(r.density) ?? 90;
  // A freshly built btree packs leaves to 90%: what is below that is bloat.
  const pct = Math.max(0, 100 - (100 * density) / 90);
  return { ...b, bytes: len, bloatBytes: Math.round((len * pct) / 100), bloatPct: round1(pct), method: 'pgstattuple' };
}

/** Options of readBloat. */
export interface BloatOptions {
  readonly pct: number;
  readonly bytes: number;
  /** Relations measured exactly (pgstattuple reads each one whole), the largest candidates first. */
  readonly exactLimit?: number;
}

/**
 * Tables and btree indexes whose estimated bloat is over both thresholds; with pgstattuple installed the
 * candidates are measured exactly and kept only when the measure is over them too.
 */
export async function readBloat(db: Db, o: BloatOptions, what: { tables: boolean; indexes: boolean }): Promise<Bloat[]> {
  const rows = [
    ...(what.tables ? await db.query<Record<string, unknown>>(TABLE_SQL) : []),
    ...(what.indexes ? await db.query<Record<string, unknown>>(INDEX_SQL) : []),
  ];
  const over = (b: Bloat) => b.bloatPct >= o.pct && b.bloatBytes >= o.bytes;
  const candidates = rows
    .map(fromEstimate)
    .filter(over)
    .sort((a, b) => b.bloatBytes - a.bloatBytes);
  if (candidates.length === 0 || !(await hasExtension(db, 'pgstattuple'))) return candidates;
  const limit = o.exactLimit ?? 10;
  const out: Bloat[] = [];
  for (const [i, c] of candidates.entries()) {
    if (i >= limit) out.push(c);
    else {
      const m = await measure(db, c);
      if (over(m)) out.push(m);
    }
  }
  return out;
}
