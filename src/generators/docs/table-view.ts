import type { Catalog, Column, Constraint, FkAction, ForeignKey, Index, Table } from '../../model';
import { ident, indexKeySql, isWrapped, qualified } from '../../sql';
import { enumPath, tablePath, typePath } from './markdown';
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
  /** Link to the page of the enum, domain or composite type the column's type (or array element type) is. */
  readonly typeLink: LinkView | null;
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
  readonly uniques: readonly {
    readonly name: string;
    readonly columns: readonly string[];
    readonly nullsNotDistinct: boolean;
    readonly deferrable: string | null;
    readonly comment: string | null;
  }[];
  readonly checks: readonly { readonly name: string; readonly expression: string; readonly noInherit: boolean; readonly comment: string | null }[];
  readonly indexes: readonly {
    readonly name: string;
    readonly unique: boolean;
    readonly method: string;
    readonly keys: string;
    readonly include: string;
    readonly where: string | null;
    readonly nullsNotDistinct: boolean;
    readonly comment: string | null;
  }[];
}

const actionText: Record<FkAction, string> = {
  'no-action': 'NO ACTION',
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set-null': 'SET NULL',
  'set-default': 'SET DEFAULT',
};

/** `DEFERRABLE [INITIALLY DEFERRED]` of a constraint (or constraint trigger), or null. */
export const deferrableText = (c: Pick<Constraint, 'deferrable' | 'initiallyDeferred'>): string | null =>
  c.deferrable ? (c.initiallyDeferred ? 'DEFERRABLE INITIALLY DEFERRED' : 'DEFERRABLE') : null;

/** Label of a table relative to a home schema: bare name at home, else `schema.table`. */
export const tableLabel = (schema: string, name: string, home: string | null): string => (schema === home ? name : `${schema}.${name}`);

interface Members {
  readonly table: Table | undefined;
  readonly constraints: Constraint[];
  readonly indexes: Index[];
  /** Foreign keys of other tables (or itself) that reference it. */
  readonly incoming: ForeignKey[];
}

/** Members of every table by `[schema, name]` key, per catalog (each page and diagram asks for them; a scan per table is quadratic). */
const membersIndex = new WeakMap<Catalog, Map<string, Members>>();

function membersOf(catalog: Catalog, schema: string, name: string): Members {
  let index = membersIndex.get(catalog);
  if (!index) {
    index = new Map();
    const entry = (s: string, n: string) => {
      const k = JSON.stringify([s, n]);
      let m = index!.get(k);
      if (!m) index!.set(k, (m = { table: undefined, constraints: [], indexes: [], incoming: [] }));
      return m;
    };
    for (const t of catalog.tables) (entry(t.schema, t.name) as { table: Table | undefined }).table = t;
    for (const c of catalog.constraints) {
      entry(c.schema, c.table).constraints.push(c);
      if (c.kind === 'ForeignKey') entry(c.refSchema, c.refTable).incoming.push(c);
    }
    for (const i of catalog.indexes) entry(i.schema, i.table).indexes.push(i);
    membersIndex.set(catalog, index);
  }
  return index.get(JSON.stringify([schema, name])) ?? { table: undefined, constraints: [], indexes: [], incoming: [] };
}

/** Constraints and indexes of one table, in catalog order. */
export function tableMembers(catalog: Catalog, t: Pick<Table, 'schema' | 'name'>): { constraints: Constraint[]; indexes: Index[] } {
  const m = membersOf(catalog, t.schema, t.name);
  return { constraints: m.constraints, indexes: m.indexes };
}

/** How a foreign key is drawn: required parent, one-to-one, identifying (see MermaidRelation). */
export function relationOf(catalog: Catalog, fk: ForeignKey): MermaidRelation {
  const { table: child, constraints, indexes } = membersOf(catalog, fk.schema, fk.table);
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

const elementType = (type: string): string => type.replace(/(\[\])+$/, '');

/** The enum a column type names (`schema.enum` or `schema.enum[]`), matched on the quoted form format_type() prints. */
function enumLinkOf(catalog: Catalog, type: string): LinkView | null {
  const link = typeLinkOf(catalog, type);
  return link && link.path.startsWith('enums/') ? link : null;
}

/**
 * The page of the enum, domain or composite type a column type names (`schema.t` or `schema.t[]`, matched
 * on the quoted form format_type() prints), or null for other types.
 */
export function typeLinkOf(catalog: Catalog, type: string): LinkView | null {
  let pages = typePages.get(catalog);
  if (!pages) {
    pages = new Map<string, LinkView>();
    for (const t of [...catalog.domains, ...catalog.compositeTypes])
      pages.set(qualified(t.schema, t.name), { label: `${t.schema}.${t.name}`, path: typePath(t.schema, t.name) });
    for (const e of catalog.enums) pages.set(qualified(e.schema, e.name), { label: `${e.schema}.${e.name}`, path: enumPath(e.schema, e.name) });
    typePages.set(catalog, pages);
  }
  return pages.get(elementType(type)) ?? null;
}

/** Type pages by quoted qualified name, per catalog (a column type is looked up for every column). */
const typePages = new WeakMap<Catalog, Map<string, LinkView>>();

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
  const incoming = membersOf(catalog, t.schema, t.name).incoming;
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
      typeLink: typeLinkOf(catalog, c.type),
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
      c.kind === 'Unique'
        ? [{ name: c.name, columns: c.columns, nullsNotDistinct: c.nullsNotDistinct, deferrable: deferrableText(c), comment: c.comment }]
        : [],
    ),
    checks: constraints.flatMap((c) =>
      c.kind === 'Check' ? [{ name: c.name, expression: c.declaredExpression ?? unwrap(c.expression), noInherit: c.noInherit, comment: c.comment }] : [],
    ),
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
