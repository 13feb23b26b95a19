import { sortCatalog, type Catalog, type Column, type Enum, type Table } from '../../model';
import { qualified } from '../../sql';
import { formatBytes, formatRows, must } from '../../util';
import { areaRefs, buildAreaMap, buildAreaViews, areaOfTable, type AreaRef, type AreaView, type CrossLinkView } from './area-views';
import { buildAreas, type DocsAreas } from './areas';
import { defaultDiagramLimits, diagramContext, firstFitting, tableId, type DiagramContext, type DiagramLimits } from './diagrams';
import { enumPath, tablePath } from './markdown';
import { neighbourhoodOf } from './neighbourhood';
import {
  buildRoutinePage,
  buildTableExtras,
  buildTypeObjects,
  buildViewPage,
  withPartitionColumns,
  type RoutinePage,
  type TableExtrasView,
  type TypeObjectsView,
  type ViewPage,
} from './object-views';
import { buildTableView, tableLabel, type LinkView, type TableView } from './table-view';
import { buildCompositePage, buildDomainPage, buildEventTriggers, type CompositePage, type DomainPage, type EventTriggerView } from './type-pages';

export { defaultDiagramLimits, type DiagramLimits } from './diagrams';

/** Row estimate and size of a table, from a live database's statistics. */
export interface TableStat {
  readonly schema: string;
  readonly table: string;
  /** pg_class.reltuples, or null before the first ANALYZE. */
  readonly rows: number | null;
  /** With indexes and TOAST. */
  readonly bytes: number;
}

/** A table whose rows are reference data kept in a CSV file. */
export interface ReferenceDataFact {
  readonly schema: string;
  readonly table: string;
  /** Relative to the project root. */
  readonly file: string;
  /** Data rows (the header not counted). */
  readonly rows: number;
  readonly mode: string;
}

/** What the model is built from besides the catalog. */
export interface DocsModelOptions {
  readonly limits?: Partial<DiagramLimits>;
  /** The user's subject areas. */
  readonly areas?: DocsAreas;
  /** Row estimates and sizes (`docs --url`); none: pages show no statistics. */
  readonly stats?: readonly TableStat[];
  readonly referenceData?: readonly ReferenceDataFact[];
}

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

/** A table page's data: the table view, its neighbourhood diagram, its area, statistics and reference data. */
export interface TablePage extends TableView, TableExtrasView {
  readonly diagram: string;
  /** 2 when the diagram reaches the neighbours' neighbours. */
  readonly diagramDepth: 1 | 2;
  /** Linked tables the diagram leaves out (too many to draw). */
  readonly notDrawn: number;
  readonly area: AreaRef;
  readonly stats: { readonly rows: string; readonly size: string } | null;
  readonly referenceData: { readonly file: string; readonly rows: number; readonly mode: string } | null;
}

/** One schema in the overview. */
export interface SchemaView {
  readonly name: string;
  readonly comment: string | null;
  readonly tables: readonly TablePage[];
  readonly enums: readonly EnumView[];
  /** The schema's diagram when the whole schema is one area; else its areas have pages. */
  readonly diagram: string | null;
  /** Foreign keys between the schema and other areas, when the schema is one area. */
  readonly links: readonly CrossLinkView[];
  /** The areas (with pages) its tables are drawn in. */
  readonly areas: readonly AreaView[];
  readonly tableCount: number;
  readonly enumCount: number;
  readonly views: readonly ViewPage[];
  readonly routines: readonly RoutinePage[];
  readonly types: TypeObjectsView;
  readonly domains: readonly DomainPage[];
  readonly composites: readonly CompositePage[];
  readonly hasStats: boolean;
}

/** Everything the templates see. */
export interface DocsModel {
  readonly title: string;
  readonly schemas: readonly SchemaView[];
  readonly extensions: readonly { readonly name: string; readonly schema: string; readonly version: string | null; readonly comment: string | null }[];
  /** Every table with key columns, for small catalogs of several schemas; else null. */
  readonly overviewDiagram: string | null;
  /** The map of areas (areas as entities, links counted) when there is no overview diagram and more than one area. */
  readonly areaMap: string | null;
  /** Pairs of areas the map leaves out to stay within the size limit. */
  readonly areaMapLeftOut: number;
  readonly areas: readonly AreaView[];
  /** Areas with a page of their own. */
  readonly areaPages: readonly AreaView[];
  readonly eventTriggers: readonly EventTriggerView[];
  readonly tableCount: number;
  readonly enumCount: number;
  readonly schemaCount: number;
  readonly viewCount: number;
  readonly routineCount: number;
  readonly hasStats: boolean;
}

/** Columns by their element type (`schema.t` of `schema.t[]`), in catalog order: one pass instead of one per enum. */
function columnsByType(catalog: Catalog): Map<string, { table: Table; column: Column }[]> {
  const out = new Map<string, { table: Table; column: Column }[]>();
  for (const table of catalog.tables) {
    for (const column of table.columns) {
      const type = column.type.replace(/(\[\])+$/, '');
      let list = out.get(type);
      if (!list) out.set(type, (list = []));
      list.push({ table, column });
    }
  }
  return out;
}

function enumView(e: Enum, byType: ReadonlyMap<string, readonly { table: Table; column: Column }[]>): EnumView {
  const usedBy = (byType.get(qualified(e.schema, e.name)) ?? []).map(({ table: t, column: c }) => ({
    table: { label: tableLabel(t.schema, t.name, e.schema), path: tablePath(t.schema, t.name) },
    column: c.name,
    type: c.type,
  }));
  return {
    schema: e.schema,
    name: e.name,
    qualifiedName: `${e.schema}.${e.name}`,
    path: enumPath(e.schema, e.name),
    comment: e.comment,
    values: e.values,
    usedBy,
  };
}

/** The keys-only diagram of every table, when the catalog is small, spans several schemas and it fits. */
function overviewOf(ctx: DiagramContext, schemasWithTables: number): string | null {
  const all = ctx.tables.map((_, i) => i);
  if (all.length === 0 || all.length > ctx.limits.overviewMaxTables || schemasWithTables < 2) return null;
  return firstFitting(ctx, [{ tables: all, detail: 'keys', stubs: [], fks: ctx.fks.map((_, i) => i), home: null }])?.text ?? null;
}

/** Per-table facts (statistics, reference data) keyed like the diagram context. */
function factsByTable(options: DocsModelOptions) {
  const stats = new Map((options.stats ?? []).map((s) => [tableId(s.schema, s.table), { rows: formatRows(s.rows), size: formatBytes(s.bytes) }]));
  const data = new Map((options.referenceData ?? []).map((d) => [tableId(d.schema, d.table), { file: d.file, rows: d.rows, mode: d.mode }]));
  return { stats, data };
}

/** Builds the template model of a catalog: schemas with their tables, areas and diagrams. Pure and deterministic. */
export function buildDocsModel(input: Catalog, title: string, options: DocsModelOptions = {}): DocsModel {
  const limits: DiagramLimits = { ...defaultDiagramLimits, ...options.limits };
  const sorted = sortCatalog(input);
  const catalog: Catalog = { ...sorted, tables: sorted.tables.map((t) => withPartitionColumns(sorted, t)) };
  const ctx = diagramContext(catalog, limits);
  const comments = new Map(catalog.schemas.map((s) => [s.name, s.comment]));
  const names = [
    ...new Set([
      ...catalog.schemas.map((s) => s.name),
      ...catalog.tables.map((t) => t.schema),
      ...catalog.enums.map((e) => e.schema),
      ...catalog.views.map((v) => v.schema),
      ...catalog.routines.map((r) => r.schema),
      ...[...catalog.domains, ...catalog.compositeTypes, ...catalog.sequences, ...catalog.collations].map((x) => x.schema),
    ]),
  ].sort();
  const areas = buildAreas(ctx, options.areas);
  const refs = areaRefs(areas, names);
  const areaViews = buildAreaViews(ctx, areas, refs);
  const areaOf = areaOfTable(areas, ctx.tables.length);
  const facts = factsByTable(options);
  const hasStats = facts.stats.size > 0;
  const byType = columnsByType(catalog);
  const schemas = names.map((name): SchemaView => {
    const pages = ctx.tables.flatMap((t, i): TablePage[] => {
      if (t.schema !== name) return [];
      const near = neighbourhoodOf(ctx, i);
      const id = tableId(t.schema, t.name);
      return [
        {
          ...buildTableView(catalog, t),
          ...buildTableExtras(catalog, t),
          diagram: near.diagram,
          diagramDepth: near.depth,
          notDrawn: near.notDrawn,
          area: must(refs[areaOf[i] ?? -1], `area of table ${i}`),
          stats: facts.stats.get(id) ?? null,
          referenceData: facts.data.get(id) ?? null,
        },
      ];
    });
    const whole = areaViews.find((a) => a.kind === 'schema' && a.schema === name);
    const enums = catalog.enums.filter((e) => e.schema === name).map((e) => enumView(e, byType));
    return {
      name,
      comment: comments.get(name) ?? null,
      tables: pages,
      enums,
      diagram: whole?.diagram ?? null,
      links: whole?.links ?? [],
      areas: areaViews.filter((a, i) => a.path !== null && areas[i]?.tables.some((t) => ctx.table(t).schema === name)),
      tableCount: pages.length,
      enumCount: enums.length,
      views: catalog.views.filter((v) => v.schema === name).map((v) => buildViewPage(catalog, v)),
      routines: catalog.routines.filter((r) => r.schema === name).map((r) => buildRoutinePage(catalog, r)),
      types: buildTypeObjects(catalog, name),
      domains: catalog.domains.filter((d) => d.schema === name).map((d) => buildDomainPage(catalog, d)),
      composites: catalog.compositeTypes.filter((c) => c.schema === name).map((c) => buildCompositePage(catalog, c)),
      hasStats,
    };
  });
  const overviewDiagram = overviewOf(ctx, schemas.filter((s) => s.tableCount > 0).length);
  const map = overviewDiagram === null && areas.length > 1 ? buildAreaMap(ctx, areas) : null;
  return {
    title,
    schemas,
    extensions: catalog.extensions.map((e) => ({ name: e.name, schema: e.schema, version: e.version, comment: e.comment })),
    overviewDiagram,
    areaMap: map?.diagram ?? null,
    areaMapLeftOut: map?.pairsLeftOut ?? 0,
    areas: areaViews,
    areaPages: areaViews.filter((a) => a.path !== null),
    eventTriggers: buildEventTriggers(catalog),
    tableCount: catalog.tables.length,
    enumCount: catalog.enums.length,
    schemaCount: schemas.length,
    viewCount: catalog.views.length,
    routineCount: catalog.routines.length,
    hasStats,
  };
}
