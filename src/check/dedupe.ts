import { queryRow, withTransaction, type Db } from '../db';
import { ident, qualified } from '../sql';
import { must, SchemakitError, zip } from '../util';
import { readReferences, readUniqueKeys, type Reference } from './dedupe-refs';
import { columnsText, readLiveTables, resolveTableName, rowKeySql, type LiveTable } from './live-tables';

/** Which row of a duplicate group survives; ties are broken by primary key order, so it is deterministic. */
export type KeepStrategy = { readonly by: 'newest' | 'oldest' | 'max' | 'min'; readonly column: string } | { readonly by: 'most-complete' };

/** Parses `newest:<col>`, `oldest:<col>`, `max:<col>`, `min:<col>` or `most-complete`. */
export function parseKeep(text: string): KeepStrategy {
  if (text === 'most-complete') return { by: 'most-complete' };
  const m = /^(newest|oldest|max|min):(.+)$/.exec(text);
  if (!m)
    throw new SchemakitError(
      'dedupe',
      'bad-strategy',
      `--keep "${text}" is not a strategy: use newest:<col>, oldest:<col>, max:<col>, min:<col> or most-complete`,
    );
  const [, by, column = ''] = m;
  return { by: by as 'newest', column };
}

/** Options of dedupe(). */
export interface DedupeOptions {
  /** `schema.table` or `table`. */
  readonly table: string;
  readonly key: readonly string[];
  readonly keep: KeepStrategy;
  /** SQL condition scoping the rows considered (`user_id = 42`). */
  readonly where?: string;
  /** Re-point and delete (false: a dry run that changes nothing). */
  readonly apply?: boolean;
  /** Losers deleted per DELETE statement (default 5000). */
  readonly batchSize?: number;
}

/** A duplicate group: its key, the survivor's primary key and the losers'. */
export interface DedupeGroup {
  readonly key: string;
  readonly survivor: string;
  readonly losers: readonly string[];
}

/** A foreign key pointing at losers (level 1) or at rows re-pointed (level 2, ON UPDATE CASCADE). */
export interface DedupeReference {
  readonly constraint: string;
  readonly table: string;
  readonly columns: readonly string[];
  readonly level: 1 | 2;
  /** Rows pointing at losers (level 2: at rows of level 1 that are re-pointed). */
  readonly rows: number;
}

/** What dedupe() found and, with `apply`, did. */
export interface DedupeReport {
  readonly table: string;
  readonly key: readonly string[];
  readonly keep: string;
  readonly dryRun: boolean;
  readonly groups: number;
  readonly losers: number;
  /** Up to 5 groups. */
  readonly samples: readonly DedupeGroup[];
  readonly references: readonly DedupeReference[];
  /** Rows changed per table (re-pointed, deleted); empty on a dry run. */
  readonly changed: readonly { readonly table: string; readonly updated: number; readonly deleted: number }[];
}

const keepText = (k: KeepStrategy) => (k.by === 'most-complete' ? k.by : `${k.by}:${k.column}`);

/** ORDER BY of a group: the survivor first, primary key order breaking ties. */
function orderBy(t: LiveTable, keep: KeepStrategy): string {
  const pk = t.primaryKey.map((c) => `t.${ident(c)}`).join(', ');
  switch (keep.by) {
    case 'newest':
    case 'max':
      return `t.${ident(keep.column)} DESC NULLS LAST, ${pk}`;
    case 'oldest':
    case 'min':
      return `t.${ident(keep.column)} ASC NULLS LAST, ${pk}`;
    case 'most-complete':
      return `num_nulls(${t.columns.map((c) => `t.${ident(c)}`).join(', ')}) ASC, ${pk}`;
  }
}

/** SELECT of the loser → survivor map: `k` (key text), `s_key`/`l_key` (pk text), `s_i`/`l_i` (pk columns), `seq`. */
function mapSql(t: LiveTable, o: DedupeOptions): string {
  const part = o.key.map((c) => `t.${ident(c)}`).join(', ');
  const pk = t.primaryKey;
  const w = `(PARTITION BY ${part} ORDER BY ${orderBy(t, o.keep)})`;
  const where = [...o.key.map((c) => `t.${ident(c)} IS NOT NULL`), ...(o.where ? [`(${o.where})`] : [])].join(' AND ');
  const ranked = `SELECT ${columnsText(o.key, 't')} AS k, ${rowKeySql(t, 't')} AS l_key, first_value(${rowKeySql(t, 't')}) OVER ${w} AS s_key,
      ${pk.map((c, i) => `t.${ident(c)} AS l_${i}, first_value(t.${ident(c)}) OVER ${w} AS s_${i}`).join(', ')}, row_number() OVER ${w} AS rn
    FROM ${qualified(t.schema, t.name)} AS t WHERE ${where}`;
  return `SELECT r.*, row_number() OVER (ORDER BY r.k, r.l_key) AS seq FROM (${ranked}) AS r WHERE r.rn > 1`;
}

/** `JOIN tbl AS l ON l.pk = m.l_i … JOIN tbl AS s ON s.pk = m.s_i …`: the loser and survivor rows of the map. */
function joinRows(t: LiveTable): string {
  const on = (a: string) => t.primaryKey.map((c, i) => `${a}.${ident(c)} = m.${a}_${i}`).join(' AND ');
  return `JOIN ${qualified(t.schema, t.name)} AS l ON ${on('l')} JOIN ${qualified(t.schema, t.name)} AS s ON ${on('s')}`;
}

const refName = (r: Reference) => `${r.schema}.${r.table}.${r.name}`;

/**
 * Merges duplicates over a key: in each group the survivor is chosen by the strategy (ties by primary
 * key), every foreign key pointing at a loser is re-pointed to its survivor, then the losers are
 * deleted in batches, all in one transaction. Refuses, changing nothing, when re-pointing would break a
 * unique constraint of a referencing table, or a second-level foreign key that does not cascade updates.
 * Without `apply`, a dry run: the groups, survivors, losers and references, nothing changed.
 */
export async function dedupe(db: Db, o: DedupeOptions): Promise<DedupeReport> {
  return withTransaction(db, async () => {
    const tables = await readLiveTables(db);
    const name = resolveTableName(o.table, tables);
    if (!name) throw new SchemakitError('dedupe', 'unknown-table', `no table ${o.table} in ${db.description}`);
    const t = tables.get(name)!;
    if (o.key.length === 0) throw new SchemakitError('dedupe', 'bad-key', '--key names no column');
    const cols = [...o.key, ...(o.keep.by === 'most-complete' ? [] : [o.keep.column])];
    const bad = cols.filter((c) => !t.columns.includes(c));
    if (bad.length > 0) throw new SchemakitError('dedupe', 'unknown-column', `${name} has no column ${bad.join(', ')} (columns: ${t.columns.join(', ')})`);
    if (t.primaryKey.length === 0)
      throw new SchemakitError('dedupe', 'no-primary-key', `${name} has no primary key: dedupe needs one to break ties and to re-point foreign keys`);
    const batch = Math.max(1, Math.floor(o.batchSize ?? 5000));

    if (o.apply) await db.exec(`CREATE TEMP TABLE schemakit_dedupe_map ON COMMIT DROP AS ${mapSql(t, o)}`);
    const m = `WITH m AS (${o.apply ? 'SELECT * FROM pg_temp.schemakit_dedupe_map' : mapSql(t, o)}) `;
    const one = async (sql: string) => Number((await queryRow<{ n: string }>(db, m + sql)).n);
    const losers = await one('SELECT count(*) AS n FROM m');
    const groups = await one('SELECT count(DISTINCT s_key) AS n FROM m');
    const samples = (
      await db.query<{ k: string; s: string; l: string[] }>(
        `${m}SELECT k, s_key AS s, array_agg(l_key ORDER BY seq) AS l FROM m GROUP BY k, s_key ORDER BY min(seq) LIMIT 5`,
      )
    ).map((r) => ({ key: r.k, survivor: r.s, losers: r.l }));

    // Level 1: foreign keys pointing at the table; level 2: foreign keys pointing at re-pointed columns.
    const refs = await readReferences(db, t.schema, t.name);
    const pointing = (r: Reference) =>
      `FROM ${qualified(r.schema, r.table)} AS c JOIN m ON true ${joinRows(t)} WHERE ${zip(r.columns, r.refColumns, refName(r))
        .map(([c, rc]) => `c.${ident(c)} = l.${ident(rc)}`)
        .join(' AND ')}`;
    const references: DedupeReference[] = [];
    const second: { ref: Reference; via: Reference }[] = [];
    for (const r of refs) {
      references.push({
        constraint: refName(r),
        table: `${r.schema}.${r.table}`,
        columns: r.columns,
        level: 1,
        rows: await one(`SELECT count(*) AS n ${pointing(r)}`),
      });
      if (r.schema === t.schema && r.table === t.name) continue;
      for (const r2 of await readReferences(db, r.schema, r.table)) {
        if (!r2.refColumns.some((c) => r.columns.includes(c))) continue;
        const on = zip(r2.columns, r2.refColumns, refName(r2))
          .map(([c, rc]) => `g.${ident(c)} = c.${ident(rc)}`)
          .join(' AND ');
        const n = await one(`SELECT count(*) AS n FROM ${qualified(r2.schema, r2.table)} AS g WHERE EXISTS (SELECT 1 ${pointing(r)} AND ${on})`);
        references.push({ constraint: refName(r2), table: `${r2.schema}.${r2.table}`, columns: r2.columns, level: 2, rows: n });
        if (n > 0) second.push({ ref: r2, via: r });
      }
    }
    const report = { table: name, key: o.key, keep: keepText(o.keep), groups, losers, samples, references };
    if (!o.apply) return { ...report, dryRun: true, changed: [] };

    // Refusals first: nothing has changed yet, and the transaction is rolled back on the throw.
    for (const { ref, via } of second) {
      if (ref.onUpdate !== 'c' && !ref.deferrable) {
        throw new SchemakitError(
          'dedupe',
          'would-break-reference',
          `refused, nothing changed: re-pointing ${refName(via)} changes ${via.schema}.${via.table} (${via.columns.join(', ')}), which foreign key ${refName(ref)} references without ON UPDATE CASCADE; declare it .onUpdate('cascade') or re-point ${ref.schema}.${ref.table} first`,
        );
      }
    }
    for (const r of refs) {
      for (const u of await readUniqueKeys(db, r.schema, r.table)) {
        if (u.hasExpression || !u.columns.some((c) => r.columns.includes(c))) continue;
        const value = (c: string) =>
          r.columns.includes(c)
            ? `COALESCE(s.${ident(must(r.refColumns[r.columns.indexOf(c)], `column referenced by ${c}`))}, c.${ident(c)})`
            : `c.${ident(c)}`;
        const on = zip(r.columns, r.refColumns, refName(r))
          .map(([c, rc]) => `c.${ident(c)} = l.${ident(rc)}`)
          .join(' AND ');
        const x = `SELECT ${u.columns.map((c, i) => `${value(c)} AS v${i}`).join(', ')} FROM ${qualified(r.schema, r.table)} AS c LEFT JOIN (m ${joinRows(t)}) ON ${on}`;
        const notNull = u.nullsNotDistinct ? '' : `WHERE ${u.columns.map((_, i) => `x.v${i} IS NOT NULL`).join(' AND ')}`;
        const dup = await db.query<{ v: string }>(
          `${m}, x AS (${x}) SELECT ROW(${u.columns.map((_, i) => `x.v${i}`).join(', ')})::text AS v FROM x ${notNull} GROUP BY ${u.columns.map((_, i) => `x.v${i}`).join(', ')} HAVING count(*) > 1 LIMIT 3`,
        );
        if (dup.length > 0) {
          throw new SchemakitError(
            'dedupe',
            'would-violate-unique',
            `refused, nothing changed: re-pointing ${refName(r)} to the survivors would violate unique constraint ${r.schema}.${r.table}.${u.name} (${u.columns.join(', ')}), e.g. ${dup.map((d) => d.v).join(', ')}; dedupe ${r.schema}.${r.table} first`,
          );
        }
      }
    }
    const changed = new Map<string, { updated: number; deleted: number }>();
    const count = (table: string, k: 'updated' | 'deleted', n: number) => {
      const c = changed.get(table) ?? { updated: 0, deleted: 0 };
      changed.set(table, { ...c, [k]: c[k] + n });
    };
    for (const r of refs) {
      const set = zip(r.columns, r.refColumns, refName(r))
        .map(([c, rc]) => `${ident(c)} = s.${ident(rc)}`)
        .join(', ');
      const where = zip(r.columns, r.refColumns, refName(r))
        .map(([c, rc]) => `c.${ident(c)} = l.${ident(rc)}`)
        .join(' AND ');
      const n = await one(
        `, u AS (UPDATE ${qualified(r.schema, r.table)} AS c SET ${set} FROM m ${joinRows(t)} WHERE ${where} RETURNING 1) SELECT count(*) AS n FROM u`,
      );
      count(`${r.schema}.${r.table}`, 'updated', n);
    }
    for (const { ref } of second)
      count(`${ref.schema}.${ref.table}`, 'updated', references.find((x) => x.constraint === refName(ref) && x.level === 2)?.rows ?? 0);
    const del = t.primaryKey.map((c, i) => `d.${ident(c)} = m.l_${i}`).join(' AND ');
    for (let lo = 0; lo < losers; lo += batch) {
      const n = await one(
        `, x AS (DELETE FROM ${qualified(t.schema, t.name)} AS d USING m WHERE ${del} AND m.seq > ${lo} AND m.seq <= ${lo + batch} RETURNING 1) SELECT count(*) AS n FROM x`,
      );
      count(name, 'deleted', n);
    }
    return { ...report, dryRun: false, changed: [...changed].map(([table, c]) => ({ table, ...c })) };
  });
}
