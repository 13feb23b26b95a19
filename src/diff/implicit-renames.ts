import { expressionColumnName, indexColumnNames, makeObjectName, nameAddition, type Catalog, type Constraint, type Index, type Table } from '../model';
import { isSerial } from '../sql';
import type { Change } from './changes';

/** How one renamed table (or a table with renamed columns) was called before: its name and each column's. */
interface Before {
  readonly table: string;
  readonly column: (name: string) => string;
}

/**
 * Lets Postgres's implicit names follow a declared table or column rename (issue 9). `ALTER TABLE … RENAME`
 * leaves `clients_pkey`, `clients_email_key`, `clients_region_idx`, `clients_id_seq` as they were, while a
 * declaration left unnamed now gets `customers_…`: without this, the diff would drop and rebuild every key,
 * index and the foreign keys that point at them. An object follows only when its current name is the implicit
 * one for the old names, the target holds the implicit name for the new names, and the target no longer holds
 * the current name (a declaration that keeps the old name keeps it). Serial and identity sequences are not in
 * the model by name (Postgres names them `<table>_<column>_seq`), so they always follow.
 *
 * `c` is the source catalog with the table and column renames already applied, `applied` the Rename changes
 * applyRenames made (a rename already done is not one: the second plan stays empty).
 */
export function followImplicitNames(c: Catalog, to: Catalog, applied: readonly Change[]): { catalog: Catalog; changes: Change[] } {
  const befores = beforeNames(applied);
  const changes: Change[] = [];
  let catalog = c;
  for (const [key, before] of befores) {
    const t = catalog.tables.find((x) => tableKey(x.schema, x.name) === key);
    if (!t) continue;
    const names = (xs: { schema: string; name: string }[]) => new Set(xs.filter((x) => x.schema === t.schema).map((x) => x.name));
    const sourceNames = names([...catalog.constraints, ...catalog.indexes, ...catalog.tables, ...catalog.sequences]);
    const targetNames = names([...to.constraints, ...to.indexes, ...to.tables, ...to.sequences]);
    const follows = (name: string, oldName: string | null, newName: string | null): newName is string =>
      oldName === name && newName !== null && newName !== name && targetNames.has(newName) && !targetNames.has(name) && !sourceNames.has(newName);

    for (const k of catalog.constraints.filter((x) => x.schema === t.schema && x.table === t.name)) {
      const [oldName, newName] = candidateNames(k.name, (table, col) => constraintName(k, table, col, t), before, t.name);
      if (!follows(k.name, oldName, newName)) continue;
      changes.push({ kind: 'RenameConstraint', schema: t.schema, table: t.name, from: k.name, to: newName });
      sourceNames.add(newName);
      catalog = { ...catalog, constraints: catalog.constraints.map((x) => (x === k ? { ...x, name: newName } : x)) };
    }
    for (const i of catalog.indexes.filter((x) => x.schema === t.schema && x.table === t.name)) {
      const [oldName, newName] = candidateNames(i.name, (table, col) => indexName(i, table, col), before, t.name);
      if (!follows(i.name, oldName, newName)) continue;
      changes.push({ kind: 'RenameIndex', schema: t.schema, from: i.name, to: newName });
      sourceNames.add(newName);
      catalog = { ...catalog, indexes: catalog.indexes.map((x) => (x === i ? { ...x, name: newName } : x)) };
    }
    for (const col of t.columns.filter((x) => isSerial(x.type) || x.identity !== null)) {
      const from = makeObjectName(before.table, before.column(col.name), 'seq');
      const next = makeObjectName(t.name, col.name, 'seq');
      if (from === next || sourceNames.has(next)) continue;
      changes.push({ kind: 'RenameTypeObject', object: 'Sequence', schema: t.schema, from, to: next });
      sourceNames.add(next);
    }
  }
  return { catalog, changes };
}

const tableKey = (schema: string, name: string): string => JSON.stringify([schema, name]);

/** Per table (by its new name), its old name and the old name of each renamed column. */
function beforeNames(applied: readonly Change[]): Map<string, Before> {
  const out = new Map<string, { table: string; columns: Map<string, string> }>();
  const entry = (schema: string, table: string) => {
    const key = tableKey(schema, table);
    let e = out.get(key);
    if (!e) out.set(key, (e = { table, columns: new Map() }));
    return e;
  };
  for (const r of applied) {
    if (r.kind === 'RenameTable') entry(r.schema, r.to).table = r.from;
    else if (r.kind === 'RenameColumn') entry(r.schema, r.table).columns.set(r.to, r.from);
  }
  return new Map([...out].map(([k, e]) => [k, { table: e.table, column: (n: string) => e.columns.get(n) ?? n }]));
}

/**
 * The implicit name of an object before and after the renames, when `name` is one of Postgres's picks
 * (`label`, or `label1`, `label2`… after a clash): `name(table, column)` gives the first pick given the
 * table name and how to call a column; the numbered pick keeps its number.
 */
function candidateNames(
  name: string,
  pick: (table: string, column: (n: string) => string) => (label: (l: string) => string) => readonly string[],
  before: Before,
  table: string,
): [string | null, string | null] {
  const match = /^(.*?)(\d*)$/.exec(name);
  const suffixes = new Set(['', match ? match[2] : '']);
  for (const suffix of suffixes) {
    const olds = pick(before.table, before.column)((l) => l + suffix);
    const news = pick(table, (n) => n)((l) => l + suffix);
    const at = olds.indexOf(name);
    if (at >= 0) return [name, news[at] ?? null];
  }
  return [null, null];
}

/** The implicit names a constraint may have (a CHECK is named after its one column, or after none). */
function constraintName(k: Constraint, table: string, column: (n: string) => string, t: Table): (label: (l: string) => string) => readonly string[] {
  return (label) => {
    const cols = (xs: readonly string[]) => nameAddition(xs.map(column));
    switch (k.kind) {
      case 'PrimaryKey':
        return [makeObjectName(table, null, label('pkey'))];
      case 'Unique':
        return [makeObjectName(table, cols([...k.columns, ...(k.include ?? [])]), label('key'))];
      case 'ForeignKey':
        return [makeObjectName(table, cols(k.columns), label('fkey'))];
      case 'Exclusion': {
        const keys = [...k.elements.map((e) => (e.column !== null ? column(e.column) : expressionColumnName(e.expression ?? ''))), ...k.include.map(column)];
        return [makeObjectName(table, nameAddition(indexColumnNames(keys)), label('excl'))];
      }
      case 'Check':
        return [makeObjectName(table, null, label('check')), ...t.columns.map((c) => makeObjectName(table, column(c.name), label('check')))];
    }
  };
}

/** The implicit name of an index: `<table>_<keys>_idx`. */
function indexName(i: Index, table: string, column: (n: string) => string): (label: (l: string) => string) => readonly string[] {
  return (label) => {
    const keys = [...i.keys.map((k) => (k.column !== null ? column(k.column) : expressionColumnName(k.expression ?? ''))), ...i.include.map(column)];
    return [makeObjectName(table, nameAddition(indexColumnNames(keys)), label('idx'))];
  };
}
