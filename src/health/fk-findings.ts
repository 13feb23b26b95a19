import { nameKey } from '../model';
import { formatBytes, formatRows } from '../util';
import { finding, num, systemSchemas, type CheckResult, type HealthContext } from './context';
import { createIndexSql, indexDeclarationCode } from './fix-code';

/**
 * Foreign keys whose columns are not the leading columns (in any order) of a valid, non-partial index on
 * the referencing table: deleting or updating a referenced row then scans the whole referencing table.
 * A partition's copy of a partitioned table's key is left out (the parent's is reported).
 */
const SQL = `
SELECT n.nspname AS schema, t.relname AS "table", con.conname AS name,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
       rn.nspname AS ref_schema, rt.relname AS ref_table,
       CASE WHEN t.reltuples < 0 THEN NULL ELSE t.reltuples END::float8 AS rows,
       pg_catalog.pg_total_relation_size(t.oid)::float8 AS bytes
  FROM pg_catalog.pg_constraint con
  JOIN pg_catalog.pg_class t ON t.oid = con.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_catalog.pg_class rt ON rt.oid = con.confrelid
  JOIN pg_catalog.pg_namespace rn ON rn.oid = rt.relnamespace
 WHERE con.contype = 'f' AND con.conparentid = 0 AND ${systemSchemas}
   AND NOT EXISTS (
     SELECT 1 FROM pg_catalog.pg_index i
      WHERE i.indrelid = con.conrelid AND i.indisvalid AND i.indpred IS NULL
        AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(con.conkey)] @> con.conkey
        AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(con.conkey)] <@ con.conkey)
 ORDER BY pg_catalog.pg_total_relation_size(t.oid) DESC, n.nspname, t.relname, con.conname`;

/** Foreign keys without a covering index, with the referencing table's size and the index to declare. */
export async function checkForeignKeys(ctx: HealthContext): Promise<CheckResult> {
  if (!ctx.wants('fk-without-index')) return { findings: [], unavailable: [] };
  const rows = await ctx.db.query<Record<string, unknown>>(SQL);
  const findings = rows.map((r) => {
    const [schema, table, name, columns] = [r.schema as string, r.table as string, r.name as string, r.columns as string[]];
    const rowsN = num(r.rows);
    const bytes = num(r.bytes)!;
    const at = ctx.locate(nameKey(schema, table, name)) ?? ctx.locate(nameKey(schema, table));
    const tableAt = ctx.locate(nameKey(schema, table));
    const severity = rowsN !== null && rowsN >= ctx.thresholds.largeTableRows ? 'warning' : 'info';
    return finding(
      'fk-without-index',
      severity,
      `${schema}.${table}.${name}`,
      `foreign key ${name} on ${schema}.${table} (${columns.join(', ')}) → ${r.ref_schema}.${r.ref_table} has no index: deletes and key updates on ${r.ref_table} scan ${schema}.${table} (${formatBytes(bytes)}, ${formatRows(rowsN === null ? null : Math.round(rowsN))})`,
      { rows: rowsN === null ? null : Math.round(rowsN), bytes },
      {
        text: tableAt ? `declare an index in the indexes of ${schema}.${table} at ${tableAt}` : 'create an index on the foreign key columns',
        typescript: indexDeclarationCode(columns),
        sql: createIndexSql(schema, table, columns),
      },
      at,
    );
  });
  return { findings, unavailable: [] };
}
