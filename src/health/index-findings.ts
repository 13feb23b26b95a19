import { nameKey } from '../model';
import { ident, qualified } from '../sql';
import { formatBytes } from '../util';
import { finding, type CheckResult, type HealthContext } from './context';
import type { IndexStat } from './index-stats';
import type { Finding, Fix } from './types';

const indexObject = (i: IndexStat) => `${i.schema}.${i.name}`;

/** The location of an index: its own declaration, else the constraint it backs. */
const locateIndex = (ctx: HealthContext, i: IndexStat) =>
  ctx.locate(indexObject(i)) ?? (i.constraint ? ctx.locate(nameKey(i.schema, i.table, i.constraint)) : null);

/** The fix for an index that should go: drop it, and remove its declaration first when there is one. */
function dropFix(ctx: HealthContext, i: IndexStat, why: string): Fix {
  const sql = `DROP INDEX CONCURRENTLY ${qualified(i.schema, i.name)};`;
  const at = locateIndex(ctx, i);
  return at
    ? { text: `${why}: remove its declaration at ${at} (else the next apply creates it again), or drop it now`, sql }
    : { text: `${why}: drop it`, sql };
}

/** Unused, duplicate, prefix-redundant and invalid indexes. */
export function checkIndexes(ctx: HealthContext, indexes: readonly IndexStat[], statsCollected: boolean): CheckResult {
  const findings: Finding[] = [];
  const unavailable = [];
  if (ctx.wants('unused-index')) {
    if (statsCollected) findings.push(...unusedIndexes(ctx, indexes));
    else
      unavailable.push({
        kind: 'unused-index' as const,
        reason: 'this engine keeps no index scan counters (PGlite runs single-user): every index would look unused',
      });
  }
  if (ctx.wants('duplicate-index') || ctx.wants('redundant-index')) findings.push(...duplicates(ctx, indexes));
  if (ctx.wants('invalid-index')) {
    for (const i of indexes.filter((x) => !x.valid && !x.partitioned)) {
      findings.push(
        finding(
          'invalid-index',
          'error',
          indexObject(i),
          `index ${indexObject(i)} on ${i.schema}.${i.table} is invalid (a failed CREATE INDEX CONCURRENTLY?): it is maintained on every write but never used`,
          { bytes: i.bytes },
          { text: 'rebuild it (or drop it if it is not wanted)', sql: `REINDEX INDEX CONCURRENTLY ${qualified(i.schema, i.name)};` },
          locateIndex(ctx, i),
        ),
      );
    }
  }
  return { findings, unavailable };
}

function unusedIndexes(ctx: HealthContext, indexes: readonly IndexStat[]): Finding[] {
  const t = ctx.thresholds;
  // Unique indexes enforce something even when never scanned; constraint and partition copies cannot be dropped alone.
  return indexes
    .filter((i) => !i.unique && i.constraint === null && !i.inherited && !i.partitioned && i.valid && i.scans <= t.unusedIndexScans)
    .sort((a, b) => b.bytes - a.bytes)
    .map((i) =>
      finding(
        'unused-index',
        i.bytes >= t.unusedIndexWarnBytes ? 'warning' : 'info',
        indexObject(i),
        `index ${indexObject(i)} on ${i.schema}.${i.table} (${formatBytes(i.bytes)}) has been scanned ${i.scans} time(s) since the statistics were reset`,
        { bytes: i.bytes, scans: i.scans },
        dropFix(ctx, i, 'unused: it slows every write and takes space'),
        locateIndex(ctx, i),
      ),
    );
}

/** Same table, method, keys, operator classes, collations, options, expressions and predicate. */
const shape = (i: IndexStat, keys: number) =>
  JSON.stringify([
    i.tableOid,
    i.method,
    i.attnums.slice(0, keys),
    i.classes.slice(0, keys),
    i.collations.slice(0, keys),
    i.options.slice(0, keys),
    i.expressions,
    i.predicate,
  ]);

/** Which of two equal indexes to keep: one backing a constraint, else a unique one, else the more scanned, else the first name. */
const keepOrder = (a: IndexStat, b: IndexStat) =>
  Number(b.constraint !== null) - Number(a.constraint !== null) || Number(b.unique) - Number(a.unique) || b.scans - a.scans || (a.name < b.name ? -1 : 1);

function duplicates(ctx: HealthContext, all: readonly IndexStat[]): Finding[] {
  const out: Finding[] = [];
  const indexes = all.filter((i) => i.valid && !i.inherited);
  const dropped = new Set<IndexStat>();
  if (ctx.wants('duplicate-index')) {
    const groups = new Map<string, IndexStat[]>();
    for (const i of indexes) {
      const k = shape(i, i.attnums.length);
      groups.set(k, [...(groups.get(k) ?? []), i]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const [keep, ...rest] = [...group].sort(keepOrder);
      if (keep === undefined) continue; // groups of two or more
      for (const d of rest) {
        dropped.add(d);
        const fix: Fix = d.constraint
          ? {
              text: `it backs constraint ${d.constraint}; drop the constraint if ${keep.name} enforces the same`,
              sql: `ALTER TABLE ${qualified(d.schema, d.table)} DROP CONSTRAINT ${ident(d.constraint)};`,
            }
          : dropFix(ctx, d, `same definition as ${keep.name}`);
        out.push(
          finding(
            'duplicate-index',
            'warning',
            indexObject(d),
            `index ${indexObject(d)} (${formatBytes(d.bytes)}) duplicates ${keep.name} on ${d.schema}.${d.table}`,
            { bytes: d.bytes, scans: d.scans, 'kept-scans': keep.scans },
            fix,
            locateIndex(ctx, d),
          ),
        );
      }
    }
  }
  if (ctx.wants('redundant-index')) {
    // A btree's leading columns serve what a shorter index on those columns serves (not uniqueness, not INCLUDE).
    const btrees = indexes.filter((i) => i.method === 'btree' && i.expressions === null && !i.partitioned);
    for (const a of btrees) {
      if (a.unique || a.constraint || dropped.has(a) || a.attnums.length !== a.keyCount) continue;
      const wider = btrees.find(
        (b) => b !== a && b.tableOid === a.tableOid && b.keyCount > a.keyCount && b.predicate === a.predicate && shape(b, a.keyCount) === shape(a, a.keyCount),
      );
      if (!wider) continue;
      out.push(
        finding(
          'redundant-index',
          'warning',
          indexObject(a),
          `index ${indexObject(a)} (${formatBytes(a.bytes)}) on (${a.columns.join(', ')}) is a prefix of ${wider.name} on (${wider.columns.slice(0, wider.keyCount).join(', ')})`,
          { bytes: a.bytes, scans: a.scans, 'wider-scans': wider.scans },
          dropFix(ctx, a, `${wider.name} serves the same lookups`),
          locateIndex(ctx, a),
        ),
      );
    }
  }
  return out;
}
