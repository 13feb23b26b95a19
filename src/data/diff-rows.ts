import type { Db } from '../db';
import type { SyncTableData } from '../diff';
import type { Catalog, Table } from '../model';
import { ident, qualified } from '../sql';
import { stagedColumn, stageRows, withBulkSettings } from './stage-rows';
import type { ValidTable } from './validate-rows';

type Row = readonly (string | null)[];
type DataRow = SyncTableData['rows'][number];

/** The target's value of each CSV column as text, as the CSV writes it (a lookup: the referenced natural key). */
function csvForm(table: Table, t: ValidTable): string[] {
  return t.mapped.columns.map((c) => {
    if (!table.columns.some((x) => x.name === c.name)) return 'NULL';
    if (!c.lookup) return `t.${ident(c.name)}::text`;
    return `(SELECT r.${ident(c.lookup.match)}::text FROM ${qualified(c.lookup.schema, c.lookup.table)} r WHERE r.${ident(c.lookup.id)} = t.${ident(c.name)})`;
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
  return m.columns
    .filter((c) => {
      const col = c.lookup ? undefined : m.table.columns.find((x) => x.name === c.name);
      return col !== undefined && (col.identity !== null || /serial$/.test(col.type) || /^nextval\(/.test(col.default ?? ''));
    })
    .map((c) => c.name);
}

/**
 * The differing rows of one table, set-based on the target: the file's rows staged in a temporary table
 * (one COPY), joined by key to the table, and only the rows to insert, update or delete come back. Keys
 * and rows compare as text arrays (a NULL equals a NULL, as a JavaScript Map key did).
 */
async function diffTable(db: Db, table: Table, raw: readonly string[], t: ValidTable): Promise<{ inserts: DataRow[]; updates: DataRow[]; deletes: DataRow[] }> {
  const m = t.mapped;
  const keyIdx = m.key.map((k) => m.columns.findIndex((c) => c.name === k));
  const target = csvForm(table, t);
  const fileRow = `ARRAY[${m.columns.map((_, i) => `s.${stagedColumn(i)}`).join(', ')}]::text[]`;
  const targetRow = `ARRAY[${target.join(', ')}]::text[]`;
  // Equalities only, so that the join is a hash join: a NULL key value matches a NULL (as a Map key did).
  const on = keyIdx.map((i) => `(s.${stagedColumn(i)} IS NULL) = (${target[i]} IS NULL) AND coalesce(s.${stagedColumn(i)}, '') = coalesce(${target[i]}, '')`);
  const distinct = `(${m.columns.map((_, i) => `s.${stagedColumn(i)}`).join(', ')}) IS DISTINCT FROM (${target.join(', ')})`;
  const staged = await stageRows(db, t);
  try {
    const rows = await withBulkSettings(db, () =>
      db.query<{ line: number | null; f: Row | null; t: Row | null; r: Row | null }>(
        `SELECT s.line, CASE WHEN s.line IS NOT NULL THEN ${fileRow} END AS f, CASE WHEN t.ctid IS NOT NULL THEN ${targetRow} END AS t,
           CASE WHEN s.line IS NULL THEN ARRAY[${raw.map((c) => `t.${ident(c)}::text`).join(', ') || 'NULL'}]::text[] END AS r
         FROM ${staged.name} s FULL JOIN ${qualified(table.schema, table.name)} t ON ${on.join(' AND ')}
         WHERE s.line IS NULL OR t.ctid IS NULL OR ${distinct}
         ORDER BY s.line, 3`,
      ),
    );
    const inserts: DataRow[] = [];
    const updates: DataRow[] = [];
    const deletes: DataRow[] = [];
    for (const r of rows) {
      if (r.line === null) deletes.push({ values: r.t!, before: r.r });
      else if (r.t === null) inserts.push({ values: r.f!, before: null });
      else updates.push({ values: r.f!, before: r.t });
    }
    return { inserts, updates, deletes };
  } finally {
    await staged.drop();
  }
}

/** Every row of a table the target does not have yet (the plan creates it): all inserts, in file order. */
async function allRows(db: Db, t: ValidTable): Promise<DataRow[]> {
  const staged = await stageRows(db, t);
  try {
    const rows = await db.query<{ f: Row }>(`SELECT ARRAY[${t.mapped.columns.map((_, i) => stagedColumn(i)).join(', ')}]::text[] AS f FROM ${staged.name} ORDER BY line`);
    return rows.map((r) => ({ values: r.f, before: null }));
  } finally {
    await staged.drop();
  }
}

/**
 * Row differences by key between each validated CSV and the target's table: inserts, updates (changed
 * values only) and, in mode `sync`, deletes. A table the plan creates has no rows yet: all inserts.
 */
export async function diffReferenceData(db: Db, actual: Catalog, tables: readonly ValidTable[]): Promise<SyncTableData[]> {
  const out: SyncTableData[] = [];
  for (const t of tables) {
    const m = t.mapped;
    const table = actual.tables.find((x) => x.schema === m.table.schema && x.name === m.table.name);
    const { inserts, updates, deletes } = table ? await diffTable(db, table, rawColumns(actual, t), t) : { inserts: await allRows(db, t), updates: [], deletes: [] };
    const base = { kind: 'SyncTableData' as const, schema: m.table.schema, table: m.table.name, columns: m.columns, key: m.key, references: m.references };
    if (m.ref.mode === 'sync' && deletes.length) out.push({ ...base, action: 'delete', rows: deletes, beforeColumns: rawColumns(actual, t) });
    if (m.ref.mode !== 'insert' && updates.length) out.push({ ...base, action: 'update', rows: updates, beforeColumns: [] });
    if (inserts.length) out.push({ ...base, action: 'insert', rows: inserts, beforeColumns: [], sequences: sequenceColumns(t) });
  }
  return out;
}
