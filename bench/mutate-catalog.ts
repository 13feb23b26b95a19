import { plainColumn, plainTable, sortCatalog, tableKey, type Catalog, type Column, type Constraint, type Enum, type Index, type Table } from '../src/model';
import { must } from '../src/util';

/** The kinds of edit the 5% change mixes, in the order they are dealt out to the chosen tables. */
export const editKinds = ['add-column', 'drop-index', 'alter-column-type', 'add-table', 'drop-table', 'change-comment', 'add-enum-value'] as const;
export type EditKind = (typeof editKinds)[number];

/** A catalog changed in memory and what was done to it. */
export interface MutatedCatalog {
  readonly catalog: Catalog;
  readonly edits: Readonly<Record<EditKind, number>>;
}

/**
 * Derives a realistically edited catalog from an introspected one: `fraction` of the tables (at least
 * one) each get one edit, the kinds dealt out round-robin (add a column, drop an index, change a
 * column type, add a table referencing it, drop it, change its comment, add a value to an enum).
 * Deterministic for a given catalog and seed; the input is not modified.
 */
export function mutateCatalog(from: Catalog, fraction = 0.05, seed = 7): MutatedCatalog {
  const rnd = mulberry32(seed);
  const order = from.tables.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const [oi, oj] = [must(order[i], 'shuffle slot'), must(order[j], 'shuffle slot')];
    [order[i], order[j]] = [oj, oi];
  }
  const chosen = order.slice(0, Math.max(1, Math.round(from.tables.length * fraction)));
  const edits = Object.fromEntries(editKinds.map((k) => [k, 0])) as Record<EditKind, number>;
  const tables = new Map<string, Table | null>(); // replaced (or dropped: null) tables by key
  const droppedIndexes = new Set<Index>();
  const droppedTables = new Set<string>();
  const addedTables: Table[] = [];
  const addedConstraints: Constraint[] = [];
  const enums = new Map<string, Enum>(from.enums.map((e) => [tableKey(e), e]));
  const indexesByTable = groupBy(from.indexes, (i) => `${i.schema}.${i.table}`);

  chosen.forEach((ti, n) => {
    const table = must(from.tables[ti], `table ${ti}`);
    const key = tableKey(table);
    let kind: EditKind = must(editKinds[n % editKinds.length], 'edit kind');
    const tableIndexes = indexesByTable.get(key) ?? [];
    const retype = kind === 'alter-column-type' ? retypeColumn(table) : null;
    if ((kind === 'drop-index' && tableIndexes.length === 0) || (kind === 'alter-column-type' && !retype)) kind = 'add-column';
    if (kind === 'add-enum-value' && enums.size === 0) kind = 'change-comment';
    edits[kind]++;
    switch (kind) {
      case 'add-column':
        tables.set(key, { ...table, columns: [...table.columns, column(`bench_added_${n}`, 'text', false, null)] });
        break;
      case 'drop-index':
        droppedIndexes.add(must(tableIndexes[0], `an index of ${key}`));
        break;
      case 'alter-column-type':
        tables.set(key, retype!);
        break;
      case 'add-table':
        addTable(table, n, addedTables, addedConstraints);
        break;
      case 'drop-table':
        droppedTables.add(key);
        break;
      case 'change-comment':
        tables.set(key, { ...table, comment: `${table.comment ?? ''} (edited by the benchmark)` });
        break;
      case 'add-enum-value': {
        const all = [...enums.values()];
        const e = must(all[n % all.length], 'an enum');
        enums.set(tableKey(e), { ...e, values: [...e.values, `bench_value_${n}`] });
        break;
      }
    }
  });

  const onDropped = (c: { schema: string; table: string }) => droppedTables.has(`${c.schema}.${c.table}`);
  const refsDropped = (c: Constraint) => c.kind === 'ForeignKey' && droppedTables.has(`${c.refSchema}.${c.refTable}`);
  const catalog: Catalog = sortCatalog({
    ...from,
    enums: [...enums.values()],
    tables: [
      ...from.tables.filter((t) => !droppedTables.has(tableKey(t))).map((t) => tables.get(tableKey(t)) ?? t),
      // Each chosen table gets one edit, so an added table's parent is never a dropped one.
      ...addedTables,
    ],
    indexes: from.indexes.filter((i) => !droppedIndexes.has(i) && !onDropped(i)),
    constraints: [...from.constraints, ...addedConstraints].filter((c) => !onDropped(c) && !refsDropped(c)),
  });
  return { catalog, edits };
}

/** A new child table of `parent`: identity PK, a text column, a timestamp, and an FK to the parent. */
function addTable(parent: Table, n: number, tables: Table[], constraints: Constraint[]): void {
  const name = `bench_added_${String(n).padStart(5, '0')}`;
  const base = { schema: parent.schema, table: name, deferrable: false, initiallyDeferred: false, comment: null };
  tables.push({
    kind: 'Table',
    schema: parent.schema,
    name,
    columns: [
      { ...column('id', 'bigint', true, null), identity: 'always' },
      column('parent_id', 'bigint', true, null),
      column('label', 'text', false, null),
      column('created_at', 'timestamp with time zone', true, 'now()'),
    ],
    comment: `Added by the benchmark under ${parent.name}.`,
    ...plainTable,
  });
  constraints.push({ ...base, kind: 'PrimaryKey', name: `${name}_pkey`, columns: ['id'] });
  constraints.push({
    ...base,
    kind: 'ForeignKey',
    name: `${name}_parent_id_fkey`,
    columns: ['parent_id'],
    refSchema: parent.schema,
    refTable: parent.name,
    refColumns: ['id'],
    onUpdate: 'no-action',
    onDelete: 'cascade',
    match: 'simple',
  });
}

/** The table with one column's type changed the way real migrations do (widen, relax), or null. */
function retypeColumn(table: Table): Table | null {
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/^integer$/, () => 'bigint'],
    [/^date$/, () => 'timestamp with time zone'],
    [/^numeric\((\d+),(\d+)\)$/, (m) => `numeric(${Number(m[1]) + 4},${m[2]})`],
    [/^character varying\((\d+)\)$/, (m) => `character varying(${Number(m[1]) * 2})`],
  ];
  for (const [re, to] of rules) {
    const i = table.columns.findIndex((c) => c.identity === null && re.test(c.type));
    if (i < 0) continue;
    const c = must(table.columns[i], `column ${i}`);
    const columns = [...table.columns];
    columns[i] = { ...c, type: to(c.type.match(re)!) };
    return { ...table, columns };
  }
  return null;
}

function column(name: string, type: string, notNull: boolean, dflt: string | null): Column {
  return { kind: 'Column', name, type, notNull, default: dflt, identity: null, generated: null, collation: null, comment: null, ...plainColumn };
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/** mulberry32: a small deterministic PRNG (same as the shared schema generator). */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
