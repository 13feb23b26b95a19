import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ReferenceDataMode, ReferenceDataSpec } from '../declare';
import type { Catalog, Column, Constraint, ForeignKey, Table } from '../model';
import type { DataColumn } from '../diff';
import type { Problem } from '../util';
import type { CsvFile } from './read-csv';
import { must } from '../util';

/** Where a reference table's rows come from and how they are matched. */
export interface ReferenceTable {
  readonly schema: string;
  readonly table: string;
  /** CSV path as shown in messages (relative to the project root). */
  readonly file: string;
  readonly path: string;
  readonly mode: ReferenceDataMode;
  readonly spec: ReferenceDataSpec | null;
}

/** Files under `data/<schema>/<table>.csv` (not `data/seeds/`) and the tables declared with referenceData(). */
export function findReferenceTables(root: string, dataDir: string, specs: readonly ReferenceDataSpec[]): ReferenceTable[] {
  const out = new Map<string, ReferenceTable>();
  const dir = join(root, dataDir);
  if (existsSync(dir)) {
    for (const schema of readdirSync(dir).sort()) {
      const sdir = join(dir, schema);
      if (schema === 'seeds' || !statSync(sdir).isDirectory()) continue;
      for (const f of readdirSync(sdir).sort()) {
        if (!f.endsWith('.csv')) continue;
        const table = f.slice(0, -4);
        const path = join(sdir, f);
        out.set(JSON.stringify([schema, table]), { schema, table, path, file: relative(root, path), mode: 'sync', spec: null });
      }
    }
  }
  for (const s of specs) {
    const path = join(root, s.file ?? join(dataDir, s.schema, `${s.table}.csv`));
    out.set(JSON.stringify([s.schema, s.table]), { schema: s.schema, table: s.table, path, file: relative(root, path), mode: s.mode, spec: s });
  }
  return [...out.values()];
}

/** A CSV file mapped onto its table: which table column each CSV column fills, and the key. */
export interface MappedTable {
  readonly ref: ReferenceTable;
  readonly table: Table;
  /** Aligned with the CSV header. */
  readonly columns: readonly DataColumn[];
  /** Type each CSV column's values are read as (a lookup: the type of the matched column). */
  readonly types: readonly string[];
  readonly key: readonly string[];
  /** Reference tables (other than itself) this one's rows point at. */
  readonly references: readonly { readonly schema: string; readonly table: string }[];
}

/** `serial` is a column shape, not a type: its values are integers. */
export function inputType(c: Column): string {
  return ({ serial: 'integer', bigserial: 'bigint', smallserial: 'smallint' } as Record<string, string>)[c.type] ?? c.type;
}

const tableOf = (catalog: Catalog, schema: string, name: string) => catalog.tables.find((t) => t.schema === schema && t.name === name);
const constraintsOf = (catalog: Catalog, t: { schema: string; name: string }) => catalog.constraints.filter((c) => c.schema === t.schema && c.table === t.name);

/** Maps a CSV header onto its table, collecting header problems (unknown, duplicate, missing columns; no key). */
export function mapReferenceTable(catalog: Catalog, ref: ReferenceTable, csv: CsvFile, all: readonly ReferenceTable[], problems: Problem[]): MappedTable | null {
  const at = (col: number) => `${ref.file}:${csv.headerLine}:${col}`;
  const table = tableOf(catalog, ref.schema, ref.table);
  if (!table) {
    problems.push({ code: 'data-no-table', location: `${ref.file}:1`, message: `no declared table ${ref.schema}.${ref.table}` });
    return null;
  }
  const fks = constraintsOf(catalog, table).filter((c): c is ForeignKey => c.kind === 'ForeignKey');
  const lookups = new Map((ref.spec?.lookups ?? []).map((l) => [l.csvColumn, l]));
  const columns: DataColumn[] = [];
  const types: string[] = [];
  const seen = new Set<string>();
  let ok = true;
  csv.header.forEach((h, i) => {
    const fail = (message: string) => { ok = false; problems.push({ code: 'data-header', location: at(i + 1), object: `column "${h}"`, message }); };
    const l = lookups.get(h);
    const name = l ? l.column : h;
    if (seen.has(name)) return fail(l ? `fills column "${name}", which another column fills too` : 'duplicate column');
    seen.add(name);
    const col = table.columns.find((c) => c.name === name);
    if (!col) return fail(`unknown column: ${ref.schema}.${ref.table} has no column "${name}"`);
    if (col.generated !== null) return fail('is a generated column: it cannot be written');
    if (!l) {
      columns.push({ name, lookup: null });
      types.push(inputType(col));
      return;
    }
    const fk = fks.find((f) => f.columns.length === 1 && f.columns[0] === name);
    const matched = tableOf(catalog, l.matchSchema, l.matchTable)?.columns.find((c) => c.name === l.matchColumn);
    if (!fk) return fail(`lookup fills "${name}", which is not a single-column foreign key`);
    if (fk.refSchema !== l.matchSchema || fk.refTable !== l.matchTable) return fail(`lookup matches ${l.matchSchema}.${l.matchTable}, but "${name}" references ${fk.refSchema}.${fk.refTable}`);
    if (!matched) return fail(`lookup matches unknown column ${l.matchSchema}.${l.matchTable}.${l.matchColumn}`);
    columns.push({ name, lookup: { schema: fk.refSchema, table: fk.refTable, id: must(fk.refColumns[0], `column referenced by ${fk.name}`), match: l.matchColumn } });
    types.push(inputType(matched));
  });
  for (const [csvColumn] of lookups) if (!csv.header.includes(csvColumn)) { ok = false; problems.push({ code: 'data-header', location: at(1), object: `column "${csvColumn}"`, message: 'declared lookup column is missing from the header' }); }
  for (const c of ref.spec?.columns ?? []) if (!seen.has(c)) { ok = false; problems.push({ code: 'data-header', location: at(1), object: `column "${c}"`, message: 'declared column is missing from the header' }); }
  for (const c of table.columns) {
    const filled = c.default !== null || c.identity !== null || c.generated !== null || /serial$/.test(c.type);
    if (c.notNull && !filled && !seen.has(c.name)) { ok = false; problems.push({ code: 'data-header', location: at(1), object: `column "${c.name}"`, message: 'missing: the column is NOT NULL and has no default' }); }
  }
  if (!ok) return null;
  const names = columns.map((c) => c.name);
  const key = chooseKey(constraintsOf(catalog, table), names, ref.spec?.key?.map((k) => lookups.get(k)?.column ?? k) ?? null);
  if (typeof key === 'string') {
    problems.push({ code: 'data-key', location: at(1), message: key });
    return null;
  }
  const others = new Set(all.map((r) => JSON.stringify([r.schema, r.table])));
  const references = [...new Map(fks
    .filter((f) => others.has(JSON.stringify([f.refSchema, f.refTable])) && !(f.refSchema === table.schema && f.refTable === table.name))
    .map((f) => [JSON.stringify([f.refSchema, f.refTable]), { schema: f.refSchema, table: f.refTable }])).values()];
  return { ref, table, columns, types, key, references };
}

/** The declared key, else the primary key when the CSV has all its columns, else the first such unique key. */
function chooseKey(constraints: readonly Constraint[], names: readonly string[], declared: readonly string[] | null): readonly string[] | string {
  const covered = (cols: readonly string[]) => cols.length > 0 && cols.every((c) => names.includes(c));
  if (declared) return covered(declared) ? declared : `declared key (${declared.join(', ')}) is not among the CSV's columns`;
  const pk = constraints.find((c) => c.kind === 'PrimaryKey');
  if (pk && covered(pk.columns)) return pk.columns;
  const u = constraints.find((c) => c.kind === 'Unique' && covered(c.columns));
  if (u && u.kind === 'Unique') return u.columns;
  return 'no key: the CSV has neither the primary key columns nor those of a unique constraint (declare referenceData(table, { key }))';
}
