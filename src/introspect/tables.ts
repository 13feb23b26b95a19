import { plainTable, type Column, type ColumnOverride, type IdentityGeneration, type Table, type TableName } from '../model';
import type { Db } from '../db';
import { SchemakitError } from '../util';
import { type AttributeMap, addAttribute } from './attributes';
import { sequenceOptionColumns, sequenceOptionsOf, serialOptions, type SequenceOptionRow } from './sequences';
import { columnStorage, introspectTableShapes } from './table-shapes';
import { commentJoin, userObject, qualifiedName, tableKinds, userSchema } from './sql-fragments';

const TABLES_SQL = `
SELECT n.nspname AS schema, c.relname AS name, d.description AS comment
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  ${commentJoin('d', 'pg_class', 'c.oid')}
 WHERE c.relkind IN ${tableKinds} AND ${userSchema('n')} AND ${userObject('pg_class', 'c.oid')}`;

/**
 * A column is a serial when its default is exactly `nextval('<its sequence>'::regclass)` of a sequence
 * that is OWNED BY the column (pg_depend deptype 'a' from the sequence to the column); with
 * search_path = '' both the default and the regclass text are schema-qualified, so they compare as text.
 * A DEFAULT cannot reference columns, so it is deparsed without its relation (`pg_get_expr(adbin, 0)`):
 * with the relation, pg_get_expr opens and locks it for column names, ~5x slower on 20,000 defaults.
 * Generated columns do reference columns and are deparsed with their relation.
 */
const COLUMNS_SQL = `
SELECT c.oid AS relid, a.attnum, a.attcollation AS attcollation, a.attinhcount = 0 AS is_own,
       CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END AS storage, NULLIF(a.attcompression, '') AS compression,
       NULLIF(a.attstattarget, -1) AS stattarget, a.attoptions AS attoptions,
       n.nspname AS schema, c.relname AS "table", a.attname AS name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, 0) ELSE pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS default_expr,
       a.attidentity AS identity, a.attgenerated AS generated,
       CASE WHEN a.attcollation <> t.typcollation THEN ${qualifiedName('coln', 'col.collname')} END AS collation,
       d.description AS comment,
       (a.atthasdef AND a.atttypid IN ('pg_catalog.int2'::pg_catalog.regtype, 'pg_catalog.int4'::pg_catalog.regtype, 'pg_catalog.int8'::pg_catalog.regtype)
        AND EXISTS (
          SELECT 1 FROM pg_catalog.pg_depend dep JOIN pg_catalog.pg_class s ON s.oid = dep.objid
            JOIN pg_catalog.pg_sequence sq ON sq.seqrelid = s.oid
           WHERE dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
             AND dep.refobjid = c.oid AND dep.refobjsubid = a.attnum AND dep.deptype = 'a' AND s.relkind = 'S'
             AND ${serialOptions('sq', 'a.atttypid')}
             AND pg_catalog.pg_get_expr(ad.adbin, 0) = 'nextval(' || pg_catalog.quote_literal(s.oid::pg_catalog.regclass::pg_catalog.text) || '::regclass)')
       ) AS is_serial,${sequenceOptionColumns('isq')}
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  LEFT JOIN pg_catalog.pg_collation col ON col.oid = a.attcollation AND a.attcollation <> t.typcollation
  LEFT JOIN pg_catalog.pg_namespace coln ON coln.oid = col.collnamespace
  LEFT JOIN pg_catalog.pg_depend idep ON a.attidentity <> '' AND idep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
       AND idep.refobjid = c.oid AND idep.refobjsubid = a.attnum AND idep.deptype = 'i' AND idep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
  LEFT JOIN pg_catalog.pg_sequence isq ON isq.seqrelid = idep.objid
  ${commentJoin('d', 'pg_class', 'c.oid', 'a.attnum')}
 WHERE c.relkind IN ${tableKinds} AND a.attnum > 0 AND NOT a.attisdropped
   AND ${userSchema('n')} AND ${userObject('pg_class', 'c.oid')}
 ORDER BY n.nspname, c.relname, a.attnum`;

interface TableRow {
  schema: string;
  name: string;
  comment: string | null;
}

interface ColumnRow extends Partial<SequenceOptionRow> {
  relid: number;
  attnum: number;
  attcollation: number;
  schema: string;
  table: string;
  name: string;
  type: string;
  not_null: boolean;
  default_expr: string | null;
  identity: string;
  generated: string;
  collation: string | null;
  comment: string | null;
  is_serial: boolean;
  is_own: boolean;
  storage: string | null;
  compression: string | null;
  stattarget: number | null;
  attoptions: string[] | null;
}

const serialTypes: Record<string, string> = { smallint: 'smallserial', integer: 'serial', bigint: 'bigserial' };

function identityOf(r: ColumnRow): IdentityGeneration | null {
  switch (r.identity) {
    case '':
      return null;
    case 'a':
      return 'always';
    case 'd':
      return 'by-default';
    default:
      throw new SchemakitError('introspect', 'unknown-identity', `${r.schema}.${r.table}.${r.name}: unknown attidentity '${r.identity}'`);
  }
}

/** Maps one pg_attribute row to a Column (serial, identity and generated columns have no default). */
function toColumn(r: ColumnRow): Column {
  const identity = identityOf(r);
  // attgenerated: 's' STORED; 'v' VIRTUAL (PostgreSQL 18), marked `virtual`.
  const generated = r.generated !== '' ? r.default_expr : null;
  const serial = r.is_serial && identity === null && generated === null ? serialTypes[r.type] : undefined;
  return {
    kind: 'Column',
    name: r.name,
    type: serial ?? r.type,
    notNull: r.not_null,
    default: serial || identity !== null || generated !== null ? null : (r.default_expr ?? null),
    identity,
    generated,
    ...(r.generated === 'v' ? { virtual: true as const } : {}),
    collation: r.collation ?? null,
    comment: r.comment ?? null,
    identityOptions: identity !== null && r.seq_type != null ? sequenceOptionsOf(r as SequenceOptionRow) : null,
    ...columnStorage(r),
  };
}

/** Tables (ordinary and partitioned) with their columns in attnum order: one query each. */
export async function introspectTables(db: Db): Promise<Table[]> {
  return (await readTables(db)).tables;
}

/** Tables, and their columns by OID and attnum for the constraint and index readers. */
export async function readTables(db: Db): Promise<{ tables: Table[]; attributes: AttributeMap }> {
  const tables = await db.query<TableRow>(TABLES_SQL);
  const shapes = await introspectTableShapes(db);
  const columns = await db.query<ColumnRow>(COLUMNS_SQL);
  const attributes: AttributeMap = new Map();
  const byTable = new Map<string, Column[]>();
  const facts = new Map<string, Map<string, ColumnFacts>>();
  for (const r of columns) {
    addAttribute(attributes, Number(r.relid), r.attnum, { name: r.name, collation: Number(r.attcollation) });
    const key = `${r.schema}\u0000${r.table}`;
    let known = facts.get(key);
    if (!known) facts.set(key, (known = new Map()));
    known.set(r.name, { notNull: r.not_null, default: r.generated === '' ? (r.default_expr ?? null) : null, inherited: !r.is_own });
    // Inherited columns (all of a partition's) belong to the parent, also where a child declared one of them
    // too (merged: attislocal and attinhcount both set), which re-creating it with INHERITS merges again.
    if (!r.is_own) continue;
    let list = byTable.get(key);
    if (!list) byTable.set(key, (list = []));
    list.push(toColumn(r));
  }
  return {
    attributes,
    tables: tables.map((t) => {
      const shape = shapes.get(`${t.schema}\u0000${t.name}`) ?? plainTable;
      return {
        kind: 'Table',
        schema: t.schema,
        name: t.name,
        columns: byTable.get(`${t.schema}\u0000${t.name}`) ?? [],
        comment: t.comment ?? null,
        ...shape,
        columnOverrides: columnOverrides(
          facts,
          `${t.schema}\u0000${t.name}`,
          shape.partitionOf ? [{ schema: shape.partitionOf.schema, name: shape.partitionOf.table }] : shape.inherits,
        ),
      };
    }),
  };
}

/** What a table's row says of one of its columns (own or inherited) that a child may set differently. */
interface ColumnFacts {
  readonly notNull: boolean;
  readonly default: string | null;
  readonly inherited: boolean;
}

/**
 * The inherited columns of a table whose NOT NULL or DEFAULT differ from its parent's (the first parent
 * having the column), each fact as the table has it when it differs, else null; sorted by name.
 */
function columnOverrides(facts: ReadonlyMap<string, ReadonlyMap<string, ColumnFacts>>, key: string, parents: readonly TableName[]): ColumnOverride[] {
  const own = facts.get(key);
  if (own === undefined || parents.length === 0) return [];
  const out: ColumnOverride[] = [];
  for (const [name, f] of own) {
    const p = parents.map((x) => facts.get(`${x.schema}\u0000${x.name}`)?.get(name)).find((x) => x !== undefined);
    if (!f.inherited || p === undefined) continue;
    const notNull = f.notNull !== p.notNull ? f.notNull : null;
    const dflt = f.default !== p.default ? { expression: f.default } : null;
    if (notNull !== null || dflt !== null) out.push({ name, notNull, default: dflt });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
