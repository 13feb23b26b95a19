import { sortCatalog, type Catalog, type Enum, type ForeignKey, type Table } from '../../model';
import { qualified } from '../../sql';
import { enumPath, tablePath } from './markdown';
import { renderErDiagram, stubEntity, type MermaidEntity } from './mermaid';
import { buildRoutinePage, buildTableExtras, buildTypeObjects, buildViewPage, withPartitionColumns, type RoutinePage, type TableExtrasView, type TypeObjectsView, type ViewPage } from './object-views';
import { buildTableView, columnKeys, relationOf, tableLabel, tableMembers, type LinkView, type TableView } from './table-view';

/** Limits that keep diagrams readable (and renderable) on large schemas. */
export interface DiagramLimits {
  /** The whole-database diagram is drawn only up to this many tables (and only with more than one schema). */
  readonly overviewMaxTables: number;
  /** Above this many tables a schema diagram lists key columns only. */
  readonly fullColumnsMaxTables: number;
}

/** Default diagram limits. */
export const defaultDiagramLimits: DiagramLimits = { overviewMaxTables: 30, fullColumnsMaxTables: 15 };

/** An enum page's data. */
export interface EnumView {
  readonly schema: string;
  readonly name: string;
  readonly qualifiedName: string;
  readonly path: string;
  readonly comment: string | null;
  readonly values: readonly string[];
  readonly usedBy: readonly { readonly table: LinkView; readonly column: string; readonly type: string }[];
}

/** A table page's data: the table view plus its neighbourhood diagram. */
export interface TablePage extends TableView, TableExtrasView {
  readonly diagram: string;
}

/** One schema in the overview. */
export interface SchemaView {
  readonly name: string;
  readonly comment: string | null;
  readonly tables: readonly TablePage[];
  readonly enums: readonly EnumView[];
  readonly diagram: string | null;
  readonly tableCount: number;
  readonly enumCount: number;
  // Issue 4: views, routines and type objects of the schema.
  readonly views: readonly ViewPage[];
  readonly routines: readonly RoutinePage[];
  readonly types: TypeObjectsView;
}

/** Everything the templates see. */
export interface DocsModel {
  readonly title: string;
  readonly schemas: readonly SchemaView[];
  readonly extensions: readonly { readonly name: string; readonly schema: string; readonly version: string | null; readonly comment: string | null }[];
  readonly overviewDiagram: string | null;
  readonly tableCount: number;
  readonly enumCount: number;
  readonly schemaCount: number;
  readonly viewCount: number;
  readonly routineCount: number;
}

const fks = (c: Catalog): ForeignKey[] => c.constraints.filter((x): x is ForeignKey => x.kind === 'ForeignKey');

function entityOf(catalog: Catalog, t: Table, full: boolean): MermaidEntity {
  const { constraints } = tableMembers(catalog, t);
  const columns = t.columns.map((column) => ({ column, keys: columnKeys(constraints, column.name) }));
  return { schema: t.schema, name: t.name, columns: full ? columns : columns.filter((c) => c.keys.length > 0) };
}

/** A diagram of `tables` (drawn in full or keys only) with stubs for tables at the other end of their foreign keys. */
function diagramOf(catalog: Catalog, tables: readonly Table[], full: boolean, home: string | null, related: (fk: ForeignKey) => boolean): string {
  const inside = new Set(tables.map((t) => `${t.schema}.${t.name}`));
  const relations = fks(catalog).filter(related).map((fk) => relationOf(catalog, fk));
  const stubs = new Map<string, MermaidEntity>();
  for (const r of relations) {
    for (const [schema, name] of [[r.fk.schema, r.fk.table], [r.fk.refSchema, r.fk.refTable]]) {
      const k = `${schema}.${name}`;
      if (!inside.has(k)) stubs.set(k, stubEntity({ schema, name }));
    }
  }
  return renderErDiagram([...tables.map((t) => entityOf(catalog, t, full)), ...stubs.values()], relations, home);
}

function enumView(catalog: Catalog, e: Enum): EnumView {
  const q = qualified(e.schema, e.name);
  const usedBy = catalog.tables.flatMap((t) =>
    t.columns
      .filter((c) => c.type.replace(/(\[\])+$/, '') === q)
      .map((c) => ({ table: { label: tableLabel(t.schema, t.name, e.schema), path: tablePath(t.schema, t.name) }, column: c.name, type: c.type })),
  );
  return { schema: e.schema, name: e.name, qualifiedName: `${e.schema}.${e.name}`, path: enumPath(e.schema, e.name), comment: e.comment, values: e.values, usedBy };
}

/** Builds the template model of a catalog: schemas with their tables, enums and diagrams. Pure and deterministic. */
export function buildDocsModel(input: Catalog, title: string, limits: DiagramLimits = defaultDiagramLimits): DocsModel {
  const sorted = sortCatalog(input);
  const catalog: Catalog = { ...sorted, tables: sorted.tables.map((t) => withPartitionColumns(sorted, t)) };
  const comments = new Map(catalog.schemas.map((s) => [s.name, s.comment]));
  const names = [...new Set([...catalog.schemas.map((s) => s.name), ...catalog.tables.map((t) => t.schema), ...catalog.enums.map((e) => e.schema), ...catalog.views.map((v) => v.schema), ...catalog.routines.map((r) => r.schema)])].sort();
  const schemas = names.map((name): SchemaView => {
    const tables = catalog.tables.filter((t) => t.schema === name);
    const pages = tables.map((t): TablePage => {
      const touches = (fk: ForeignKey) => (fk.schema === t.schema && fk.table === t.name) || (fk.refSchema === t.schema && fk.refTable === t.name);
      return { ...buildTableView(catalog, t), ...buildTableExtras(catalog, t), diagram: diagramOf(catalog, [t], true, t.schema, touches) };
    });
    const enums = catalog.enums.filter((e) => e.schema === name).map((e) => enumView(catalog, e));
    const full = tables.length <= limits.fullColumnsMaxTables;
    const diagram = tables.length ? diagramOf(catalog, tables, full, name, (fk) => fk.schema === name || fk.refSchema === name) : null;
    const views = catalog.views.filter((v) => v.schema === name).map((v) => buildViewPage(catalog, v));
    const routines = catalog.routines.filter((r) => r.schema === name).map((r) => buildRoutinePage(catalog, r));
    return { name, comment: comments.get(name) ?? null, tables: pages, enums, diagram, tableCount: tables.length, enumCount: enums.length, views, routines, types: buildTypeObjects(catalog, name) };
  });
  const small = catalog.tables.length > 0 && catalog.tables.length <= limits.overviewMaxTables && schemas.filter((s) => s.tableCount > 0).length > 1;
  return {
    title,
    schemas,
    extensions: catalog.extensions.map((e) => ({ name: e.name, schema: e.schema, version: e.version, comment: e.comment })),
    overviewDiagram: small ? diagramOf(catalog, catalog.tables, false, null, () => true) : null,
    tableCount: catalog.tables.length,
    enumCount: catalog.enums.length,
    schemaCount: schemas.length,
    viewCount: catalog.views.length,
    routineCount: catalog.routines.length,
  };
}
