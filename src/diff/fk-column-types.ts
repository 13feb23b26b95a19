import { relKey, type Catalog, type Constraint } from '../model';

/**
 * Type families whose members compare with one another (btree cross-type operators, or an implicit cast to
 * the referenced type): a foreign key may mix members of one family, as integer referencing bigint.
 */
const FAMILIES: readonly (readonly string[])[] = [
  ['smallint', 'integer', 'bigint', 'smallserial', 'serial', 'bigserial'],
  ['real', 'double precision'],
  ['text', 'character varying', 'character'],
  ['date', 'timestamp without time zone', 'timestamp with time zone'],
];

/** `character varying(255)` → `character varying`, `numeric(10,2)` → `numeric`: the type without its modifiers. */
const withoutModifiers = (type: string): string => type.replace(/\(\s*\d+\s*(,\s*\d+\s*)?\)/g, '');

/** The family a type belongs to (a family index, or the type itself outside every listed family). */
function familyOf(type: string): string {
  const base = withoutModifiers(type);
  const i = FAMILIES.findIndex((f) => f.includes(base));
  return i < 0 ? base : `family ${i}`;
}

/** Column types by table and column, built once per catalog: a scan of every table per foreign key was quadratic. */
const typesOf = new WeakMap<Catalog, ReadonlyMap<string, ReadonlyMap<string, string>>>();

function columnType(c: Catalog, schema: string, table: string, column: string): string | undefined {
  let byTable = typesOf.get(c);
  if (!byTable) {
    byTable = new Map(c.tables.map((t) => [relKey(t), new Map(t.columns.map((x) => [x.name, x.type]))]));
    typesOf.set(c, byTable);
  }
  return byTable.get(relKey({ schema, name: table }))?.get(column);
}

/**
 * True when a foreign key's column and the column it references both change type to another family (bigint
 * → timestamp on both sides): whichever is altered first, the key would compare the new type with the old
 * one, which Postgres refuses, so the key is dropped before the columns change and added again after. (One
 * side changing alone ends where the target is, which Postgres accepted; both sides staying within a family
 * keep comparable types all along.)
 */
export function fkColumnTypesDiverge(fk: Constraint, from: Catalog, to: Catalog): boolean {
  if (fk.kind !== 'ForeignKey') return false;
  return fk.columns.some((local, i) => {
    const ref = fk.refColumns[i];
    if (ref === undefined) return false;
    const [l0, l1] = [columnType(from, fk.schema, fk.table, local), columnType(to, fk.schema, fk.table, local)];
    const [r0, r1] = [columnType(from, fk.refSchema, fk.refTable, ref), columnType(to, fk.refSchema, fk.refTable, ref)];
    if (l0 === undefined || l1 === undefined || r0 === undefined || r1 === undefined || l0 === l1 || r0 === r1) return false;
    return familyOf(l0) !== familyOf(l1) || familyOf(r0) !== familyOf(r1);
  });
}
