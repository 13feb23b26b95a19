import type { Change, RecreateEnum } from '../diff';
import { columnKey, relKey, type Column } from '../model';
import { ident, literal, qualified } from '../sql';

/** How a type the plan recreates is made: an enum, a domain over a type, a composite of attributes. */
type Shape =
  { readonly kind: 'domain'; readonly base: string } | { readonly kind: 'composite'; readonly attributes: readonly { name: string; type: string }[] };

/** Names before the plan (its renames undone) and whether a column can be checked (its table and it exist before the plan). */
export interface EnumCheckNames {
  table(schema: string, table: string): string;
  column(schema: string, table: string, column: string): string;
  checkable(schema: string, table: string, columns: readonly string[]): boolean;
}

/** One column holding a label the enum loses, with the SQL counting and showing its rows. */
export interface EnumValueCheck {
  readonly object: string;
  readonly countSql: string;
  readonly sampleSql: string;
  readonly describe: (n: number) => string;
}

const spelled = (t: { schema: string; name: string }) => `${ident(t.schema)}.${ident(t.name)}`;
const ARRAY = /\[\]$/;

/**
 * SQL giving, as `text[]`, the labels of `enumType` a value `expr` of `type` holds, through domains over it,
 * composite attributes and arrays of those (one dimension), or null when the type cannot hold the enum.
 */
function labelsSql(expr: string, type: string, enumType: string, shapes: ReadonlyMap<string, Shape>, depth = 0): string | null {
  if (depth > 16) return null;
  if (ARRAY.test(type)) {
    const element = type.replace(ARRAY, '');
    if (element.replace(/(\[\])+$/, '') === enumType) return `(${expr})::text[]`;
    const inner = labelsSql(`(${expr})[g.i]`, element, enumType, shapes, depth + 1);
    return inner === null ? null : `ARRAY(SELECT x FROM pg_catalog.generate_subscripts(${expr}, 1) AS g(i), pg_catalog.unnest(${inner}) AS x)`;
  }
  if (type === enumType) return `ARRAY[(${expr})::text]`;
  const shape = shapes.get(type);
  if (shape === undefined) return null;
  if (shape.kind === 'domain') return labelsSql(`(${expr})::${shape.base}`, shape.base, enumType, shapes, depth + 1);
  const parts = shape.attributes.flatMap((a) => labelsSql(`(${expr}).${ident(a.name)}`, a.type, enumType, shapes, depth + 1) ?? []);
  return parts.length === 0 ? null : parts.join(' || ');
}

/** The domains and composite types the plan recreates (every type reading a recreated enum is: see cascadeTypeRecreations), with their columns. */
function recreatedTypes(changes: readonly Change[]): { shapes: Map<string, Shape>; columns: { schema: string; table: string; column: Column }[] } {
  const shapes = new Map<string, Shape>();
  const columns: { schema: string; table: string; column: Column }[] = [];
  for (const c of changes) {
    if (c.kind === 'RecreateDomain') shapes.set(spelled(c.from), { kind: 'domain', base: c.from.type });
    else if (c.kind === 'RecreateCompositeType') shapes.set(spelled(c.from), { kind: 'composite', attributes: c.from.attributes });
    else continue;
    columns.push(...c.columns);
  }
  return { shapes, columns };
}

/**
 * Rows that hold a label the recreated enum loses: in columns of the enum (or arrays of it), and in columns
 * of the domains and composite types over it that the plan recreates with it, read through the attributes
 * and array elements (issue 9: those were not checked, and the conversion failed at apply).
 */
export function enumValueChecks(c: RecreateEnum, changes: readonly Change[], names: EnumCheckNames): EnumValueCheck[] {
  const removed = c.from.values.filter((v) => !c.to.values.includes(v) && !Object.prototype.hasOwnProperty.call(c.remap, v));
  if (removed.length === 0) return [];
  const values = removed.map(literal).join(', ');
  const enumType = spelled(c.from);
  const nested = recreatedTypes(changes);
  const seen = new Set<string>();
  const out: EnumValueCheck[] = [];
  for (const x of [...c.columns, ...nested.columns]) {
    const object = columnKey(x.schema, x.table, x.column.name);
    if (seen.has(object) || !names.checkable(x.schema, x.table, [x.column.name])) continue;
    seen.add(object);
    const col = ident(names.column(x.schema, x.table, x.column.name));
    const labels = labelsSql(col, x.column.type, enumType, nested.shapes);
    if (labels === null) continue;
    const t = qualified(x.schema, names.table(x.schema, x.table));
    const where = `${labels} && ARRAY[${values}]::text[]`;
    out.push({
      object,
      countSql: `SELECT count(*) AS n FROM ${t} WHERE ${where}`,
      sampleSql: `SELECT DISTINCT left(${col}::text, 80) AS v FROM ${t} WHERE ${where} LIMIT 3`,
      describe: (n: number) =>
        `enum ${relKey(c.from)} loses ${values}: ${n} ${n === 1 ? 'row' : 'rows'} of ${x.schema}.${x.table}.${x.column.name} use${n === 1 ? 's' : ''} it`,
    });
  }
  return out;
}
