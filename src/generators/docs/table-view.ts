import type { Catalog, Column, Constraint, FkAction, ForeignKey, Index, Table } from '../../model';
import { ident, indexKeySql, isWrapped, qualified } from '../../sql';
import { enumPath, tablePath } from './markdown';
import type { MermaidRelation } from './mermaid';

/** A link to another page: label, and path relative to the docs root (pages below the root prefix `../`). */
export interface LinkView {
  readonly label: string;
  readonly path: string;
}

/** A column as shown in the columns table. */
export interface ColumnView {
  readonly position: number;
  readonly name: string;
  readonly type: string;
  /** Link to the enum page when the column's type (or array element type) is a documented enum. */
  readonly enumLink: LinkView | null;
  readonly nullable: boolean;
  readonly default: string | null;
  /** `identity (always)`, `identity (by default)`, `generated: expr`, `serial`, or null. */
  readonly generation: string | null;
  readonly collation: string | null;
  readonly comment: string | null;
  readonly keys: readonly ('PK' | 'FK' | 'UK')[];
}

/** A foreign key, seen from either end. */
export interface ForeignKeyView {
  readonly name: string;
  readonly columns: readonly string[];
  readonly refColumns: readonly string[];
  /** The other table: the referenced one for outgoing keys, the referencing one for incoming keys. */
  readonly other: LinkView;
  readonly onUpdate: string;
  readonly onDelete: string;
  readonly match: string;
  readonly deferrable: string | null;
  readonly comment: string | null;
}

/** Everything a table's page shows. */
export interface TableView {
  readonly schema: string;
  readonly name: string;
  readonly qualifiedName: string;
  readonly path: string;
  readonly comment: string | null;
  readonly columns: readonly ColumnView[];
  readonly primaryKey: { readonly name: string; readonly columns: readonly string[]; readonly comment: string | null } | null;
  readonly foreignKeys: readonly ForeignKeyView[];
  readonly referencedBy: readonly ForeignKeyView[];
  readonly uniques: readonly { readonly name: string; readonly columns: readonly string[]; readonly nullsNotDistinct: boolean; readonly deferrable: string | null; readonly comment: string | null }[];
  readonly checks: readonly { readonly name: string; readonly expression: string; readonly noInherit: boolean; readonly comment: string | null }[];
  readonly indexes: readonly { readonly name: string; readonly unique: boolean; readonly method: string; readonly keys: string; readonly include: string; readonly where: string | null; readonly nullsNotDistinct: boolean; readonly comment: string | null }[];
}

const actionText: Record<FkAction, string> = { 'no-action': 'NO ACTION', restrict: 'RESTRICT', cascade: 'CASCADE', 'set-null': 'SET NULL', 'set-default': 'SET DEFAULT' };

/** `DEFERRABLE [INITIALLY DEFERRED]` of a constraint (or constraint trigger), or null. */
export const deferrableText = (c: Pick<Constraint, 'deferrable' | 'initiallyDeferred'>): string | null =>
  c.deferrable ? (c.initiallyDeferred ? 'DEFERRABLE INITIALLY DEFERRED' : 'DEFERRABLE') : null;

/** Label of a table relative to a home schema: bare name at home, else `schema.table`. */
export const tableLabel = (schema: string, name: string, home: string | null): string => (schema === home ? name : `${schema}.${name}`);

/** Constraints and indexes of one table, in catalog order. */
export function tableMembers(catalog: Catalog, t: Pick<Table, 'schema' | 'name'>): { constraints: Constraint[]; indexes: Index[] } {
  return {
    constraints: catalog.constraints.filter((c) => c.schema === t.schema && c.table === t.name),
    indexes: catalog.indexes.filter((i) => i.schema === t.schema && i.table === t.name),
  };
}

/** How a foreign key is drawn: required parent, one-to-one, identifying (see MermaidRelation). */
export function relationOf(catalog: Catalog, fk: ForeignKey): MermaidRelation {
  const child = catalog.tables.find((t) => t.schema === fk.schema && t.name === fk.table);
  const { constraints, indexes } = tableMembers(catalog, { schema: fk.schema, name: fk.table });
  const sameSet = (cols: readonly string[]) => cols.length === fk.columns.length && cols.every((c) => fk.columns.includes(c));
  const pk = constraints.find((c) => c.kind === 'PrimaryKey');
  return {
    fk,
    required: fk.columns.every((name) => child?.columns.find((c) => c.name === name)?.notNull ?? false),
    oneToOne:
      constraints.some((c) => (c.kind === 'PrimaryKey' || c.kind === 'Unique') && sameSet(c.columns)) ||
      indexes.some((i) => i.unique && i.where === null && i.keys.every((k) => k.column !== null) && sameSet(i.keys.map((k) => k.column as string))),
    identifying: pk !== undefined && pk.kind === 'PrimaryKey' && fk.columns.every((c) => pk.columns.includes(c)),
  };
}

/** Key markers of each column (PK, FK, UK) from the table's constraints. */
export function columnKeys(constraints: readonly Constraint[], column: string): ('PK' | 'FK' | 'UK')[] {
  const keys: ('PK' | 'FK' | 'UK')[] = [];
  const has = (kind: Constraint['kind']) => constraints.some((c) => c.kind === kind && 'columns' in c && c.columns.includes(column));
  if (has('PrimaryKey')) keys.push('PK');
  if (has('ForeignKey')) keys.push('FK');
  if (has('Unique')) keys.push('UK');
  return keys;
}

/** The enum a column type names (`schema.enum` or `schema.enum[]`), matched on the quoted form format_type() prints. */
function enumLinkOf(catalog: Catalog, type: string): LinkView | null {
  const base = type.replace(/(\[\])+$/, '');
  const e = catalog.enums.find((x) => qualified(x.schema, x.name) === base);
  return e ? { label: `${e.schema}.${e.name}`, path: enumPath(e.schema, e.name) } : null;
}

/** A check expression without the one layer of parentheses pg_get_constraintdef always adds. */
const unwrap = (sql: string): string => (isWrapped(sql) ? sql.slice(1, -1) : sql);

function generationOf(c: Column): string | null {
  if (c.identity !== null) return `identity (${c.identity === 'always' ? 'always' : 'by default'})`;
  if (c.generated !== null) return `generated: ${c.generated}`;
  return null;
}

function fkView(fk: ForeignKey, other: LinkView): ForeignKeyView {
  return {
    name: fk.name,
    columns: fk.columns,
    refColumns: fk.refColumns,
    other,
    onUpdate: actionText[fk.onUpdate],
    onDelete: actionText[fk.onDelete],
    match: fk.match.toUpperCase(),
    deferrable: deferrableText(fk),
    comment: fk.comment,
  };
}

/** Builds the view of one table: columns, keys, references both ways, uniques, checks and indexes. */
export function buildTableView(catalog: Catalog, t: Table): TableView {
  const { constraints, indexes } = tableMembers(catalog, t);
  const pk = constraints.find((c) => c.kind === 'PrimaryKey');
  const incoming = catalog.constraints.filter((c): c is ForeignKey => c.kind === 'ForeignKey' && c.refSchema === t.schema && c.refTable === t.name);
  return {
    schema: t.schema,
    name: t.name,
    qualifiedName: `${t.schema}.${t.name}`,
    path: tablePath(t.schema, t.name),
    comment: t.comment,
    columns: t.columns.map((c, i) => ({
      position: i + 1,
      name: c.name,
      type: c.type,
      enumLink: enumLinkOf(catalog, c.type),
      nullable: !c.notNull,
      default: c.declaredDefault ?? c.default,
      generation: generationOf(c),
      collation: c.collation,
      comment: c.comment,
      keys: columnKeys(constraints, c.name),
    })),
    primaryKey: pk && pk.kind === 'PrimaryKey' ? { name: pk.name, columns: pk.columns, comment: pk.comment } : null,
    foreignKeys: constraints
      .filter((c): c is ForeignKey => c.kind === 'ForeignKey')
      .map((fk) => fkView(fk, { label: tableLabel(fk.refSchema, fk.refTable, t.schema), path: tablePath(fk.refSchema, fk.refTable) })),
    // Seen from the referenced table: its own columns first, the referencing table's columns after the link.
    referencedBy: incoming.map((fk) => ({
      ...fkView(fk, { label: tableLabel(fk.schema, fk.table, t.schema), path: tablePath(fk.schema, fk.table) }),
      columns: fk.refColumns,
      refColumns: fk.columns,
    })),
    uniques: constraints.flatMap((c) =>
      c.kind === 'Unique' ? [{ name: c.name, columns: c.columns, nullsNotDistinct: c.nullsNotDistinct, deferrable: deferrableText(c), comment: c.comment }] : [],
    ),
    checks: constraints.flatMap((c) => (c.kind === 'Check' ? [{ name: c.name, expression: c.declaredExpression ?? unwrap(c.expression), noInherit: c.noInherit, comment: c.comment }] : [])),
    indexes: indexes.map((i) => ({
      name: i.name,
      unique: i.unique,
      method: i.method,
      keys: i.keys.map(indexKeySql).join(', '),
      include: i.include.map(ident).join(', '),
      where: i.where,
      nullsNotDistinct: i.nullsNotDistinct,
      comment: i.comment,
    })),
  };
}
