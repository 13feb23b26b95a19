import { nameKey, type Constraint, type ForeignKey, type Index, type Table } from '../model';
import { typesCompatible } from './type-names';
import type { ValidationContext } from './validate-context';

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Foreign keys point at a declared table and columns, with as many columns as they have, of compatible
 * types, matching a primary key, a non-deferrable unique constraint or a plain unique index (Postgres
 * needs one to enforce the reference).
 */
export function validateReferences(ctx: ValidationContext): void {
  // The first declaration of a table name counts (a repeat is reported as a duplicate).
  const tables = new Map<string, Table>();
  for (const t of ctx.catalog.tables) if (!tables.has(nameKey(t.schema, t.name))) tables.set(nameKey(t.schema, t.name), t);
  // The keys and unique indexes of each referenced table, grouped once (searching the whole catalog per
  // foreign key was quadratic: most of a 1,000-table load).
  const onTable = (schema: string, table: string) => JSON.stringify([schema, table]);
  const keysOf = new Map<string, Constraint[]>();
  for (const c of ctx.catalog.constraints) if (c.kind === 'PrimaryKey' || c.kind === 'Unique') push(keysOf, onTable(c.schema, c.table), c);
  const uniqueIndexesOf = new Map<string, Index[]>();
  for (const i of ctx.catalog.indexes) if (i.unique) push(uniqueIndexesOf, onTable(i.schema, i.table), i);
  for (const fk of ctx.catalog.constraints) {
    if (fk.kind !== 'ForeignKey') continue;
    const key = nameKey(fk.schema, fk.table, fk.name);
    const declared = tables.get(nameKey(fk.refSchema, fk.refTable));
    const target = declared && withParentColumns(declared, tables);
    if (!target) {
      ctx.report('fk-missing-table', key, `foreign key ${fk.name} references table ${fk.refSchema}.${fk.refTable}, which is not declared`);
      continue;
    }
    const missing = fk.refColumns.filter((c) => !target.columns.some((x) => x.name === c));
    for (const c of missing)
      ctx.report('fk-missing-column', key, `foreign key ${fk.name} references column ${c}, which table ${fk.refSchema}.${fk.refTable} does not have`);
    if (fk.columns.length !== fk.refColumns.length) {
      ctx.report('fk-column-count', key, `foreign key ${fk.name} has ${fk.columns.length} column(s) but references ${fk.refColumns.length}`);
      continue;
    }
    if (missing.length > 0) continue;
    checkTypes(ctx, fk, key, tables.get(nameKey(fk.schema, fk.table)), target);
    const ref = onTable(fk.refSchema, fk.refTable);
    checkUnique(ctx, fk, key, keysOf.get(ref) ?? [], uniqueIndexesOf.get(ref) ?? []);
  }
}

/**
 * A partition or INHERITS child with the columns of its parents too (its declaration lists only its own):
 * a foreign key may reference a partition's key, whose columns are its parent's.
 */
function withParentColumns(t: Table, tables: ReadonlyMap<string, Table>, seen = new Set<Table>()): Table {
  const parents = [...(t.partitionOf ? [{ schema: t.partitionOf.schema, name: t.partitionOf.table }] : []), ...t.inherits];
  if (parents.length === 0 || seen.has(t)) return t;
  seen.add(t);
  const inherited = parents.flatMap((p) => {
    const parent = tables.get(nameKey(p.schema, p.name));
    return parent ? withParentColumns(parent, tables, seen).columns : [];
  });
  return { ...t, columns: [...inherited.filter((c) => !t.columns.some((x) => x.name === c.name)), ...t.columns] };
}

function push<T>(m: Map<string, T[]>, k: string, x: T): void {
  const list = m.get(k);
  if (list) list.push(x);
  else m.set(k, [x]);
}

function checkTypes(ctx: ValidationContext, fk: ForeignKey, key: string, source: Table | undefined, target: Table): void {
  if (!source) return;
  fk.columns.forEach((c, i) => {
    const from = source.columns.find((x) => x.name === c);
    const to = target.columns.find((x) => x.name === fk.refColumns[i]);
    if (!from || !to) return; // a missing source column is reported by validateColumns
    const fromType = from.type.replace(/^(small|big)?serial$/i, (_m, p) => (p ? `${p}int` : 'integer'));
    const toType = to.type.replace(/^(small|big)?serial$/i, (_m, p) => (p ? `${p}int` : 'integer'));
    if (!typesCompatible(fromType, toType)) {
      ctx.report('fk-type-mismatch', key, `foreign key ${fk.name}: column ${c} (${from.type}) cannot reference ${fk.refTable}.${to.name} (${to.type})`);
    }
  });
}

/** `keys`: the primary key and unique constraints of the referenced table; `uniqueIndexes`: its unique indexes. */
function checkUnique(ctx: ValidationContext, fk: ForeignKey, key: string, keys: readonly Constraint[], uniqueIndexes: readonly Index[]): void {
  const match = keys.flatMap((c) => (c.kind === 'PrimaryKey' || c.kind === 'Unique' ? [c] : [])).find((c) => sameSet(c.columns, fk.refColumns));
  if (match && !match.deferrable) return;
  const index = uniqueIndexes.find(
    (i) =>
      i.where === null &&
      i.keys.every((k) => k.column !== null) &&
      sameSet(
        i.keys.map((k) => k.column as string),
        fk.refColumns,
      ),
  );
  if (index) return;
  const cols = fk.refColumns.join(', ');
  ctx.report(
    'fk-not-unique',
    key,
    match
      ? `foreign key ${fk.name} references (${cols}) of ${fk.refTable}, whose unique constraint ${match.name} is deferrable; Postgres needs a non-deferrable one`
      : `foreign key ${fk.name} references (${cols}) of ${fk.refSchema}.${fk.refTable}, which is not its primary key or unique`,
  );
}
