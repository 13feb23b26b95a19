import { ident, qualified } from '../sql';
import { finding, round1, type CheckResult, type HealthContext } from './context';
import type { Finding } from './types';

/**
 * Sequences with their last value and range, and the column they feed (serial, identity or OWNED BY),
 * whose type may be narrower than the sequence (a bigint sequence behind an integer column).
 */
const SQL = `
SELECT s.schemaname AS schema, s.sequencename AS name, s.data_type::text AS type, s.last_value::text AS last,
       s.min_value::text AS min, s.max_value::text AS max, s.increment_by::text AS step,
       tn.nspname AS table_schema, t.relname AS "table", a.attname AS "column", pg_catalog.format_type(a.atttypid, a.atttypmod) AS column_type,
       d.deptype = 'i' AS identity
  FROM pg_catalog.pg_sequences s
  JOIN pg_catalog.pg_namespace n ON n.nspname = s.schemaname
  JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = s.sequencename
  LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
        AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i')
  LEFT JOIN pg_catalog.pg_class t ON t.oid = d.refobjid
  LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
  LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
 WHERE NOT s.cycle AND s.last_value IS NOT NULL
 ORDER BY s.schemaname, s.sequencename`;

const BIGINT_MAX = 9.223372036854776e18; // 2^63 - 1, as near as a double gets
const typeMax: Record<string, number> = { smallint: 32767, integer: 2147483647, bigint: BIGINT_MAX };

/** Sequences (and identity/serial columns) that have used most of their range, or of their column type's. */
export async function checkSequences(ctx: HealthContext): Promise<CheckResult> {
  if (!ctx.wants('sequence-near-max')) return { findings: [], unavailable: [] };
  const t = ctx.thresholds;
  const out: Finding[] = [];
  for (const r of await ctx.db.query<Record<string, string | boolean | null>>(SQL)) {
    const [last, min, step] = [Number(r.last), Number(r.min), Number(r.step)];
    const colMax = r.column_type ? typeMax[r.column_type as string] : undefined;
    const max = Math.min(Number(r.max), colMax ?? Infinity);
    const maxText = colMax !== undefined && colMax < Number(r.max) ? String(colMax) : (r.max as string);
    const limitedBy = colMax !== undefined && colMax < Number(r.max) ? `its column type ${r.column_type}` : `its type ${r.type}`;
    const pct = step >= 0 ? (100 * (last - min)) / (max - min) : (100 * (Number(r.max) - last)) / (Number(r.max) - min);
    if (pct < t.sequenceWarnPct) continue;
    const seq = `${r.schema}.${r.name}`;
    const col = r.column ? `${r.table_schema}.${r.table}.${r.column}` : null;
    const at = col ? ctx.locate(col) : ctx.locate(seq);
    const sql =
      col && colMax !== undefined && colMax < BIGINT_MAX
        ? `ALTER TABLE ${qualified(r.table_schema as string, r.table as string)} ALTER COLUMN ${ident(r.column as string)} TYPE bigint;${r.type !== 'bigint' ? ` ALTER SEQUENCE ${qualified(r.schema as string, r.name as string)} AS bigint;` : ''}`
        : `ALTER SEQUENCE ${qualified(r.schema as string, r.name as string)} AS bigint MAXVALUE 9223372036854775807;`;
    out.push(
      finding(
        'sequence-near-max',
        pct >= t.sequenceErrorPct ? 'error' : 'warning',
        col ?? seq,
        `${col ? `${col} (${r.identity ? 'identity' : 'sequence'} ${seq})` : `sequence ${seq}`} has used ${round1(pct)}% of the range of ${limitedBy}: ${r.last} of ${maxText}`,
        {
          pct: round1(pct),
          last: r.last as string,
          max: maxText,
          remaining: String(step >= 0 ? BigInt(maxText) - BigInt(r.last as string) : BigInt(r.last as string) - BigInt(r.min as string)),
        },
        {
          text: col
            ? `widen the column to bigint${at ? ` (declare c.bigint() at ${at})` : ''}: a table rewrite, plan it before it runs out`
            : 'widen the sequence',
          sql,
        },
        at,
      ),
    );
  }
  return { findings: out, unavailable: [] };
}
