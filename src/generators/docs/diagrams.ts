import type { Catalog, ForeignKey, Table } from '../../model';
import { buildGraph, type Graph } from './clusters';
import { renderErDiagram, type MermaidEntity, type MermaidRelation } from './mermaid';
import { columnKeys, relationOf } from './table-view';
import { must } from '../../util';

/** Limits that keep diagrams readable, and renderable (GitHub refuses Mermaid over 50,000 characters). */
export interface DiagramLimits {
  /** The whole-database diagram (key columns) is drawn only up to this many tables (and only with more than one schema); above, the overview is a map of areas. */
  readonly overviewMaxTables: number;
  /** Above this many tables a diagram lists key columns only. */
  readonly fullColumnsMaxTables: number;
  /** No diagram is longer than this many characters of Mermaid. */
  readonly maxChars: number;
  /** No diagram draws more than this many tables: larger schemas are split into areas. */
  readonly maxTables: number;
  /** A table's neighbourhood reaches depth 2 when that draws at most this many tables. */
  readonly depth2MaxTables: number;
}

/** Default diagram limits. */
export const defaultDiagramLimits: DiagramLimits = { overviewMaxTables: 30, fullColumnsMaxTables: 15, maxChars: 40_000, maxTables: 40, depth2MaxTables: 15 };

/** How much of each table a diagram shows: every column, key columns, or the name only. */
export type Detail = 'full' | 'keys' | 'names';

/** What one diagram draws: tables (by index) at a detail, stubs (names only) and foreign keys (by index). */
export interface DiagramSpec {
  readonly tables: readonly number[];
  readonly detail: Detail;
  readonly stubs: readonly number[];
  /** Foreign keys drawn (those with both ends drawn; others are skipped). */
  readonly fks: readonly number[];
  readonly home: string | null;
}

/**
 * The catalog indexed for diagrams: tables by position (sorted by key), foreign keys with the positions of
 * both ends, the FK graph, and memoized entities and relations (a table is drawn in several diagrams).
 */
export interface DiagramContext {
  readonly catalog: Catalog;
  readonly limits: DiagramLimits;
  readonly tables: readonly Table[];
  readonly position: ReadonlyMap<string, number>;
  readonly fks: readonly ForeignKey[];
  /** `[child, parent]` table positions of each foreign key (-1 when the table is not documented). */
  readonly ends: readonly (readonly [number, number])[];
  /** Foreign keys (positions in `fks`) leaving and entering each table. */
  readonly outgoing: readonly (readonly number[])[];
  readonly incoming: readonly (readonly number[])[];
  readonly graph: Graph;
  /** The table at a position. */
  table(t: number): Table;
  /** The foreign key at a position. */
  fk(f: number): ForeignKey;
  /** `[child, parent]` positions of a foreign key. */
  endsOf(f: number): readonly [number, number];
  /** Foreign keys leaving a table. */
  outgoingOf(t: number): readonly number[];
  /** Foreign keys entering a table. */
  incomingOf(t: number): readonly number[];
  entity(table: number, detail: Detail): MermaidEntity;
  relation(fk: number): MermaidRelation;
}

/** Key of a table in the diagram context (JSON, so no name can collide). */
export const tableId = (schema: string, name: string): string => JSON.stringify([schema, name]);

/** Indexes a sorted catalog for diagrams. */
export function diagramContext(catalog: Catalog, limits: DiagramLimits): DiagramContext {
  const tables = catalog.tables;
  const position = new Map(tables.map((t, i) => [tableId(t.schema, t.name), i]));
  const constraints = new Map<number, Catalog['constraints'][number][]>();
  for (const c of catalog.constraints) {
    const p = position.get(tableId(c.schema, c.table));
    if (p !== undefined) constraints.set(p, [...(constraints.get(p) ?? []), c]);
  }
  const fks = catalog.constraints.filter((c): c is ForeignKey => c.kind === 'ForeignKey');
  const ends = fks.map((fk) => [position.get(tableId(fk.schema, fk.table)) ?? -1, position.get(tableId(fk.refSchema, fk.refTable)) ?? -1] as const);
  const outgoing = tables.map((): number[] => []);
  const incoming = tables.map((): number[] => []);
  ends.forEach(([child, parent], i) => {
    outgoing[child]?.push(i); // -1: the table is not documented
    incoming[parent]?.push(i);
  });
  const table = (i: number) => must(tables[i], `documented table ${i}`);
  const fk = (f: number) => must(fks[f], `foreign key ${f}`);
  const endsOf = (f: number) => must(ends[f], `ends of foreign key ${f}`);
  const outgoingOf = (t: number) => must(outgoing[t], `foreign keys of table ${t}`);
  const incomingOf = (t: number) => must(incoming[t], `foreign keys to table ${t}`);
  const graph = buildGraph(
    tables.length,
    ends.filter(([a, b]) => a >= 0 && b >= 0),
  );
  const entities = new Map<string, MermaidEntity>();
  const relations = new Map<number, MermaidRelation>();
  const entity = (i: number, detail: Detail): MermaidEntity => {
    const memo = `${i}/${detail}`;
    let e = entities.get(memo);
    if (!e) {
      const t = table(i);
      const own = constraints.get(i) ?? [];
      const columns = detail === 'names' ? [] : t.columns.map((column) => ({ column, keys: columnKeys(own, column.name) }));
      e = { schema: t.schema, name: t.name, columns: detail === 'keys' ? columns.filter((c) => c.keys.length > 0) : columns };
      entities.set(memo, e);
    }
    return e;
  };
  const relation = (i: number): MermaidRelation => {
    let r = relations.get(i);
    if (!r) relations.set(i, (r = relationOf(catalog, fk(i))));
    return r;
  };
  return { catalog, limits, tables, position, fks, ends, outgoing, incoming, graph, table, fk, endsOf, outgoingOf, incomingOf, entity, relation };
}

/** Renders a diagram spec as Mermaid. */
export function drawDiagram(ctx: DiagramContext, spec: DiagramSpec): string {
  const drawn = new Set([...spec.tables, ...spec.stubs]);
  const entities = [
    ...spec.tables.map((t) => ctx.entity(t, spec.detail)),
    ...spec.stubs.filter((s) => !spec.tables.includes(s)).map((s) => ctx.entity(s, 'names')),
  ];
  const relations = spec.fks.filter((f) => drawn.has(ctx.endsOf(f)[0]) && drawn.has(ctx.endsOf(f)[1])).map((f) => ctx.relation(f));
  return renderErDiagram(entities, relations, spec.home);
}

/** A drawn diagram and the spec it was drawn from. */
export interface FittedDiagram {
  readonly text: string;
  readonly spec: DiagramSpec;
}

/** The first spec whose diagram fits in `maxChars`, or null when none does. */
export function firstFitting(ctx: DiagramContext, specs: readonly DiagramSpec[]): FittedDiagram | null {
  for (const spec of specs) {
    if (spec.tables.length + spec.stubs.length > Math.max(ctx.limits.maxTables, 1)) continue;
    const text = drawDiagram(ctx, spec);
    if (text.length <= ctx.limits.maxChars) return { text, spec };
  }
  return null;
}

/** Foreign keys (positions) touching any of the tables. */
export function fksTouching(ctx: DiagramContext, tables: Iterable<number>): number[] {
  const out = new Set<number>();
  for (const t of tables) for (const f of [...ctx.outgoingOf(t), ...ctx.incomingOf(t)]) out.add(f);
  return [...out].sort((a, b) => a - b);
}
