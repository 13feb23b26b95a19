import { qualified } from '../sql';
import { formatBytes } from '../util';
import { finding, type CheckResult, type HealthContext } from './context';
import { readBloat, type Bloat } from './bloat';

const how = (b: Bloat) => (b.method === 'pgstattuple' ? 'measured by pgstattuple' : 'estimated from statistics');

/** Table and index bloat over the thresholds (`--bloat-pct`, `--bloat-bytes`). */
export async function checkBloat(ctx: HealthContext): Promise<CheckResult> {
  const what = { tables: ctx.wants('table-bloat'), indexes: ctx.wants('index-bloat') };
  if (!what.tables && !what.indexes) return { findings: [], unavailable: [] };
  const t = ctx.thresholds;
  const found = await readBloat(ctx.db, { pct: t.bloatPct, bytes: t.bloatBytes }, what);
  const findings = found.map((b) => {
    const numbers = { bytes: b.bytes, 'bloat-bytes': b.bloatBytes, 'bloat-pct': b.bloatPct, method: b.method };
    if (b.index === null) {
      const obj = `${b.schema}.${b.table}`;
      return finding(
        'table-bloat',
        'warning',
        obj,
        `${obj}: ${formatBytes(b.bloatBytes)} of ${formatBytes(b.bytes)} (${b.bloatPct}%) is wasted space (${how(b)})`,
        numbers,
        {
          text: `rewrite it: VACUUM FULL takes an ACCESS EXCLUSIVE lock for the whole rewrite (pg_repack does it online); schemakit vacuum --full --table ${obj}`,
          sql: `VACUUM (FULL, ANALYZE) ${qualified(b.schema, b.table)};`,
        },
        ctx.locate(obj),
      );
    }
    const obj = `${b.schema}.${b.index}`;
    return finding(
      'index-bloat',
      'warning',
      obj,
      `index ${obj} on ${b.schema}.${b.table}: ${formatBytes(b.bloatBytes)} of ${formatBytes(b.bytes)} (${b.bloatPct}%) is wasted space (${how(b)})`,
      numbers,
      { text: 'rebuild it without blocking writes', sql: `REINDEX INDEX CONCURRENTLY ${qualified(b.schema, b.index)};` },
      ctx.locate(obj),
    );
  });
  return { findings, unavailable: [] };
}
