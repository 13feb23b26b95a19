import type { Db } from '../db';
import type { SyncTableData } from '../diff';
import type { Catalog } from '../model';
import { ident, qualified } from '../sql';
import type { ValidTable } from './validate-rows';

type Row = readonly (string | null)[];

/**
 * The target's rows of a reference table in the CSV's terms (lookups as natural keys) and whole (for
 * restoring deletes). Plain text columns (no JSON per row); the whole row is read apart only when the
 * CSV's columns do not already hold it (a lookup, or a column the file leaves out).
 */
async function readExisting(db: Db, actual: Catalog, t: ValidTable): Promise<{ csv: Row; raw: Row }[] | null> {
  const m = t.mapped;
  const table = actual.tables.find((x) => x.schema === m.table.schema && x.name === m.table.name);
  if (!table) return null;
  const has = (name: string) => table.columns.some((c) => c.name === name);
  const csvCols = m.columns.map((c) => {
    if (!has(c.name)) return 'NULL';
    if (!c.lookup) return `t.${ident(c.name)}::text`;
    return `(SELECT r.${ident(c.lookup.match)}::text FROM ${qualified(c.lookup.schema, c.lookup.table)} r WHERE r.${ident(c.lookup.id)} = t.${ident(c.name)})`;
  });
  const raw = rawColumns(actual, t);
  const inCsv = raw.map((name) => m.columns.findIndex((c) => c.name === name && c.lookup === null));
  const derived = inCsv.every((i) => i >= 0);
  const select = [...csvCols, ...(derived ? [] : raw.map((c) => `t.${ident(c)}::text`))];
  // One JSON document of text arrays (one value for the driver, parsed natively), not a row object per
  // table row; an array, not json_build_array, which takes at most 100 arguments.
  const [{ j }] = await db.query<{ j: string }>(`SELECT coalesce(json_agg(ARRAY[${select.join(', ') || 'NULL'}]::text[]), '[]')::text AS j FROM ${qualified(table.schema, table.name)} t`);
  const n = m.columns.length;
  return (JSON.parse(j) as (string | null)[][]).map((x) => {
    const csv = x.length === n ? x : x.slice(0, n);
    return { csv, raw: derived ? inCsv.map((i) => csv[i]) : x.slice(n) };
  });
}

/** Columns a deleted row is restored with: all but generated ones. */
function rawColumns(actual: Catalog, t: ValidTable): string[] {
  const table = actual.tables.find((x) => x.schema === t.mapped.table.schema && x.name === t.mapped.table.name);
  return (table?.columns ?? []).filter((c) => c.generated === null).map((c) => c.name);
}

/** Columns the CSV fills explicitly that draw their default from a sequence (serial, identity, nextval()). */
function sequenceColumns(t: ValidTable): string[] {
  const m = t.mapped;
  return m.columns.filter((c) => {
    const col = c.lookup ? undefined : m.table.columns.find((x) => x.name === c.name);
    return col !== undefined && (col.identity !== null || /serial$/.test(col.type) || /^nextval\(/.test(col.default ?? ''));
  }).map((c) => c.name);
}

/**
 * Row differences by key between each validated CSV and the target's table: inserts, updates (changed
 * values only) and, in mode `sync`, deletes. A table the plan creates has no rows yet: all inserts.
 */
export async function diffReferenceData(db: Db, actual: Catalog, tables: readonly ValidTable[]): Promise<SyncTableData[]> {
  const out: SyncTableData[] = [];
  for (const t of tables) {
    const m = t.mapped;
    const keyIdx = m.key.map((k) => m.columns.findIndex((c) => c.name === k));
    // One key column: its value is the key (null apart from any string); more: a JSON array.
    const keyOf = keyIdx.length === 1 ? (r: Row) => r[keyIdx[0]] : (r: Row) => JSON.stringify(keyIdx.map((i) => r[i]));
    const existing = (await readExisting(db, actual, t)) ?? [];
    const byKey = new Map(existing.map((e) => [keyOf(e.csv), e]));
    const inserts: SyncTableData['rows'][number][] = [];
    const updates: SyncTableData['rows'][number][] = [];
    const inFile = new Set<string | null>();
    for (const r of t.rows) {
      const k = keyOf(r.values);
      inFile.add(k);
      const e = byKey.get(k);
      if (!e) inserts.push({ values: r.values, before: null });
      else if (m.ref.mode !== 'insert' && r.values.some((v, i) => v !== e.csv[i])) updates.push({ values: r.values, before: e.csv });
    }
    const deletes = m.ref.mode === 'sync' ? existing.filter((e) => !inFile.has(keyOf(e.csv))).map((e) => ({ values: e.csv, before: e.raw })) : [];
    const base = { kind: 'SyncTableData' as const, schema: m.table.schema, table: m.table.name, columns: m.columns, key: m.key, references: m.references };
    if (deletes.length) out.push({ ...base, action: 'delete', rows: deletes, beforeColumns: rawColumns(actual, t) });
    if (updates.length) out.push({ ...base, action: 'update', rows: updates, beforeColumns: [] });
    if (inserts.length) out.push({ ...base, action: 'insert', rows: inserts, beforeColumns: [], sequences: sequenceColumns(t) });
  }
  return out;
}
