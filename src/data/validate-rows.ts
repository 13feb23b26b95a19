import { queryRow, type Db } from '../db';
import type { Catalog, Check, ForeignKey } from '../model';
import { ident, literal, qualified } from '../sql';
import { must, type Problem } from '../util';
import type { CsvFile } from './read-csv';
import { inputType, type MappedTable } from './reference-tables';

/** A validated reference table: its rows in Postgres's canonical text form. */
export interface ValidTable {
  readonly mapped: MappedTable;
  readonly rows: readonly { readonly line: number; readonly values: readonly (string | null)[] }[];
}

const BATCH = 20000;
const col = (i: number) => `c${i}`;

/** Per-value input check that works on every version (pg_input_is_valid is PostgreSQL ≥ 16 only). */
const INPUT_ERROR_FN = `CREATE OR REPLACE FUNCTION pg_temp.schemakit_input_error(v text, t text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE format('SELECT %L::%s', v, t); RETURN NULL; EXCEPTION WHEN others THEN RETURN SQLERRM; END $$`;

/** Declared maximum length of `character varying(n)` / `character(n)`, else null (an explicit cast would truncate silently). */
function maxLength(type: string): number | null {
  const m = /^(?:character varying|character|varchar|char)\((\d+)\)$/.exec(type);
  return m ? Number(m[1]) : null;
}

/** A problem at `line`, CSV column `i` (0-based). */
type Report = (line: number, i: number, code: string, message: string) => void;

/**
 * Checks every value of a mapped CSV on `scratch` (a database holding the declared schema, nothing else):
 * types through Postgres's own input functions, lengths, NOT NULL, CHECK constraints; then duplicate keys
 * and unique values inside the file. Problems are `file:line:column`; rows with a problem are left out.
 * Set-based: the rows go to a temporary table in a few statements, each rule is one query over it, and
 * only the values whose canonical text differs from the file's come back.
 */
export async function validateRows(scratch: Db, catalog: Catalog, m: MappedTable, csv: CsvFile, problems: Problem[]): Promise<ValidTable> {
  const file = m.ref.file;
  const bad = new Set<number>();
  const report: Report = (line, i, code, message) => {
    bad.add(line);
    problems.push({ code, location: `${file}:${line}:${i + 1}`, object: `column "${csv.header[i]}"`, message });
  };
  const temp = 'schemakit_csv';
  await scratch.exec(`DROP TABLE IF EXISTS pg_temp.${temp}; CREATE TEMP TABLE ${temp} (line integer PRIMARY KEY, ${m.columns.map((_, i) => `${col(i)} text`).join(', ')})`);
  // Rows travel as one jsonb parameter per batch (parsed once; json's ->> would parse each row again per column).
  const fromJson = m.columns.map((_, i) => `e->>${i + 1}`).join(', ');
  for (let i = 0; i < csv.records.length; i += BATCH) {
    const rows = csv.records.slice(i, i + BATCH).map((r) => [r.line, ...r.fields]);
    if (rows.length > 0) await scratch.query(`INSERT INTO pg_temp.${temp} SELECT (e->>0)::integer, ${fromJson} FROM jsonb_array_elements($1::jsonb) e`, [JSON.stringify(rows)]);
  }
  await checkValues(scratch, m, report);
  const good = `line <> ALL(ARRAY[${[...bad].join(',')}]::integer[])`;
  const constraints = catalog.constraints.filter((x) => x.schema === m.table.schema && x.table === m.table.name);
  for (const ch of constraints.filter((x): x is Check => x.kind === 'Check')) await checkConstraint(scratch, m, ch, good, report);
  let valid = await canonicalRows(scratch, m, csv, good, bad);
  await scratch.exec(`DROP TABLE pg_temp.${temp}`);
  const uniques = [m.key, ...constraints.flatMap((x) => (x.kind === 'Unique' || x.kind === 'PrimaryKey' ? [x.columns] : []))];
  // The same columns twice (the key is the primary key) find nothing the second time.
  for (const u of uniques.filter((u, n) => uniques.findIndex((v) => JSON.stringify(v) === JSON.stringify(u)) === n)) {
    valid = duplicates(m, u, valid, report);
  }
  return { mapped: m, rows: valid };
}

/** Whether values of `type` are their own canonical text (no cast needed to compare or to keep them). */
const isText = (type: string) => type === 'text';

/**
 * Types, lengths and NOT NULL of every column, reported column by column (type, then length, then NULL).
 * One query tries every cast at once; only when it fails does a column look for its bad values, with
 * Postgres's message for each.
 */
async function checkValues(scratch: Db, m: MappedTable, report: Report): Promise<void> {
  const tableCols = m.columns.map((c) => m.table.columns.find((t) => t.name === c.name)!);
  const cast = m.columns.map((_, i) => i).filter((i) => !isText(typeAt(m, i)));
  const allCast = cast.length === 0 || await scratch.query(`SELECT ${cast.map((i) => `count(${ident(col(i))}::${typeAt(m, i)})`).join(', ')} FROM pg_temp.schemakit_csv`).then(() => true, () => false);
  if (!allCast) await scratch.exec(INPUT_ERROR_FN);
  // Lengths and NULLs of all columns in one pass: a flag per rule, the rows that break one.
  const long = m.columns.map((_, i) => maxLength(typeAt(m, i)));
  const rules = m.columns.flatMap((_, i) => [
    ...(long[i] !== null ? [{ i, kind: 'long' as const, sql: `char_length(${ident(col(i))}) > ${long[i]}` }] : []),
    ...(must(tableCols[i], `table column ${i}`).notNull ? [{ i, kind: 'null' as const, sql: `${ident(col(i))} IS NULL` }] : []),
  ]);
  const hits = rules.length === 0 ? [] : await scratch.query<Record<string, string | boolean | number | null>>(
    `SELECT line, ${m.columns.map((_, i) => ident(col(i))).join(', ')}, ${rules.map((r, n) => `(${r.sql}) AS r${n}`).join(', ')} FROM pg_temp.schemakit_csv WHERE ${rules.map((r) => `(${r.sql})`).join(' OR ')} ORDER BY line`);
  for (let i = 0; i < m.columns.length; i++) {
    const type = typeAt(m, i);
    const c = ident(col(i));
    if (!allCast && cast.includes(i)) {
      const rows = await scratch.query<{ line: number; v: string; e: string }>(`SELECT line, ${c} AS v, e FROM (SELECT line, ${c}, pg_temp.schemakit_input_error(${c}, ${literal(type)}) AS e FROM pg_temp.schemakit_csv WHERE ${c} IS NOT NULL) x WHERE e IS NOT NULL ORDER BY line`);
      for (const r of rows) report(r.line, i, 'data-type', `${JSON.stringify(r.v)} is not a valid ${type}: ${r.e}`);
    }
    for (const kind of ['long', 'null'] as const) {
      const n = rules.findIndex((r) => r.i === i && r.kind === kind);
      for (const h of n < 0 ? [] : hits.filter((x) => x[`r${n}`] === true)) {
        if (kind === 'long') report(Number(h.line), i, 'data-length', `${JSON.stringify(h[col(i)])} is longer than ${long[i]} characters (${type})`);
        else report(Number(h.line), i, 'data-not-null', `is NULL (an empty unquoted field), but the column is NOT NULL`);
      }
    }
  }
}

/**
 * The good rows in Postgres's canonical text (what the target's `::text` gives): the file's values, but
 * for the rows where a cast changes some value (`1.5` into a numeric(12,2), a timestamp's zone), which come
 * back from the scratch database.
 */
async function canonicalRows(scratch: Db, m: MappedTable, csv: CsvFile, good: string, bad: ReadonlySet<number>): Promise<ValidTable['rows']> {
  const cast = m.columns.map((_, i) => i).filter((i) => !isText(typeAt(m, i)));
  const changed = new Map<number, Record<string, string | null>>();
  if (cast.length > 0) {
    const canonical = (i: number) => `${ident(col(i))}::${typeAt(m, i)}::text`;
    // CASE: the casts run only on good rows (AND may evaluate its sides in any order).
    const rows = await scratch.query<Record<string, string | null>>(
      `SELECT line, ${cast.map((i) => `${canonical(i)} AS ${col(i)}`).join(', ')} FROM pg_temp.schemakit_csv WHERE CASE WHEN ${good} THEN ${cast.map((i) => `${ident(col(i))} IS DISTINCT FROM ${canonical(i)}`).join(' OR ')} ELSE false END`);
    for (const r of rows) changed.set(Number(r.line), r);
  }
  const casts = new Set(cast);
  const out: ValidTable['rows'][number][] = [];
  for (const r of csv.records) {
    if (bad.has(r.line)) continue;
    const c = changed.get(r.line);
    out.push({ line: r.line, values: c ? r.fields.map((f, i) => (casts.has(i) ? c[col(i)] ?? null : f)) : r.fields });
  }
  return out;
}

/** Rows whose values for `columns` repeat an earlier row's (only when the CSV has all the columns). */
function duplicates(m: MappedTable, columns: readonly string[], rows: ValidTable['rows'], report: Report): ValidTable['rows'] {
  const idx = columns.map((c) => m.columns.findIndex((x) => x.name === c));
  if (idx.some((i) => i < 0)) return rows;
  const first = new Map<string, number>();
  // One column: its value is the key (no JSON per row); more: a JSON array (keys that cannot collide).
  const [only = -1] = idx;
  const keyOf = idx.length === 1 ? (r: ValidTable['rows'][number]) => r.values[only]! : (r: ValidTable['rows'][number]) => JSON.stringify(idx.map((i) => r.values[i]));
  return rows.filter((r) => {
    if (idx.some((i) => r.values[i] === null)) return true;
    const k = keyOf(r);
    const prev = first.get(k);
    if (prev === undefined) { first.set(k, r.line); return true; }
    report(r.line, only, 'data-duplicate-key', `duplicate key (${columns.join(', ')}) = (${idx.map((i) => r.values[i]).join(', ')}): also on line ${prev}`);
    return false;
  });
}

/** Evaluates one CHECK over the file's typed rows (columns the file lacks are NULL, which a CHECK lets pass). */
async function checkConstraint(scratch: Db, m: MappedTable, ch: Check, good: string, report: Report): Promise<void> {
  const select = m.table.columns.map((tc) => {
    const i = m.columns.findIndex((c) => c.name === tc.name && c.lookup === null);
    return i >= 0 ? `${ident(col(i))}::${typeAt(m, i)} AS ${ident(tc.name)}` : `NULL::${inputType(tc)} AS ${ident(tc.name)}`;
  });
  // Which CSV column to point at: the first one the expression names (for the message only).
  const named = m.columns.findIndex((c) => c.lookup === null && new RegExp(`(^|[^\\w"])"?${c.name.replace(/\W/g, '\\$&')}"?($|[^\\w"])`).test(ch.expression));
  const rows = await scratch.query<{ line: number; v: string | null }>(
    `SELECT line, ${named >= 0 ? ident(col(named)) : 'NULL'} AS v FROM (SELECT line, ${ident(col(Math.max(named, 0)))}, ${select.join(', ')} FROM pg_temp.schemakit_csv WHERE ${good}) t WHERE NOT ${ch.expression} ORDER BY line`);
  for (const r of rows) report(r.line, Math.max(named, 0), 'data-check', `${r.v === null ? 'the row' : JSON.stringify(r.v)} does not match CHECK ${ch.name} ${ch.expression}`);
}

/**
 * Foreign keys of the validated tables: values must exist among the referenced table's CSV rows (when it
 * is a reference table) plus, unless that table is synced, its rows in the target database.
 */
export async function validateForeignKeys(target: Db, catalog: Catalog, tables: readonly ValidTable[], problems: Problem[], unreadable: ReadonlySet<string> = new Set()): Promise<void> {
  const byName = new Map(tables.map((t) => [JSON.stringify([t.mapped.table.schema, t.mapped.table.name]), t]));
  const exists = async (schema: string, table: string) => (await queryRow<{ r: string | null }>(target, 'SELECT to_regclass($1)::text AS r', [qualified(schema, table)])).r !== null;
  const known = async (schema: string, table: string, columns: readonly string[]): Promise<Set<string> | null> => {
    // A reference file whose header could not be read: its own problems say why; its rows are not known.
    if (unreadable.has(JSON.stringify([schema, table]))) return null;
    const out = new Set<string>();
    const ref = byName.get(JSON.stringify([schema, table]));
    if (ref) {
      const idx = columns.map((c) => ref.mapped.columns.findIndex((x) => x.name === c && x.lookup === null));
      if (idx.every((i) => i >= 0)) for (const r of ref.rows) out.add(JSON.stringify(idx.map((i) => r.values[i])));
      if (ref.mapped.ref.mode === 'sync') return out;
    }
    if (await exists(schema, table)) {
      const rows = await target.query<{ k: string }>(`SELECT json_build_array(${columns.map((c) => `${ident(c)}::text`).join(', ')})::text AS k FROM ${qualified(schema, table)}`);
      for (const r of rows) out.add(JSON.stringify(JSON.parse(r.k)));
    }
    return out;
  };
  for (const t of tables) {
    const m = t.mapped;
    const fks = catalog.constraints.filter((c): c is ForeignKey => c.kind === 'ForeignKey' && c.schema === m.table.schema && c.table === m.table.name);
    const checks: { idx: number[]; schema: string; table: string; columns: readonly string[]; what: string }[] = [];
    for (const fk of fks) {
      const idx = fk.columns.map((c) => m.columns.findIndex((x) => x.name === c && x.lookup === null));
      if (idx.every((i) => i >= 0)) checks.push({ idx, schema: fk.refSchema, table: fk.refTable, columns: fk.refColumns, what: `FOREIGN KEY ${fk.name}` });
    }
    m.columns.forEach((c, i) => { if (c.lookup) checks.push({ idx: [i], schema: c.lookup.schema, table: c.lookup.table, columns: [c.lookup.match], what: `lookup of ${c.lookup.schema}.${c.lookup.table}.${c.lookup.match}` }); });
    for (const ch of checks) {
      const have = await known(ch.schema, ch.table, ch.columns);
      if (have === null) continue;
      for (const r of t.rows) {
        const vals = ch.idx.map((i) => r.values[i]);
        if (vals.some((v) => v === null) || have.has(JSON.stringify(vals))) continue;
        problems.push({
          code: 'data-foreign-key', location: `${m.ref.file}:${r.line}:${(ch.idx[0] ?? 0) + 1}`, object: `column "${headerName(m, ch.idx[0] ?? 0)}"`,
          message: `${vals.map((v) => JSON.stringify(v)).join(', ')} not found in ${ch.schema}.${ch.table} (${ch.columns.join(', ')}) (${ch.what})`,
        });
      }
    }
  }
}

/** Type (for the scratch table) and column of position `i` of a mapped table: the lists are parallel. */
const typeAt = (m: MappedTable, i: number): string => must(m.types[i], `type of column ${i}`);
const columnAt = (m: MappedTable, i: number) => must(m.columns[i], `column ${i}`);

const headerName = (m: MappedTable, i: number) => m.ref.spec?.lookups.find((l) => l.column === columnAt(m, i).name && columnAt(m, i).lookup)?.csvColumn ?? columnAt(m, i).name;
