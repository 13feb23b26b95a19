import { matchesTable, must } from '../../util';
import { adjacentOf, clusterNodes } from './clusters';
import { drawDiagram, firstFitting, tableId, type DiagramContext, type DiagramSpec, type FittedDiagram } from './diagrams';
import { fileSafe } from './markdown';

/** Subject areas the user declared: `docs: { areas: … }` of schemakit.yaml and the `area` option of tables. */
export interface DocsAreas {
  /** Area name → table patterns (`*` any characters; `schema.table` or `table`), in file order: the first match wins. */
  readonly patterns?: readonly { readonly name: string; readonly tables: readonly string[] }[];
  /** Areas named on table declarations; they win over the patterns. */
  readonly tables?: readonly { readonly schema: string; readonly table: string; readonly area: string }[];
}

/** How an area came about. */
export type AreaKind = 'schema' | 'declared' | 'cluster';

/** A group of tables drawn as one diagram. */
export interface Area {
  /** File-safe and unique: the page is `areas/<id>.md`. */
  readonly id: string;
  readonly name: string;
  /** `schema`: all tables of one schema (drawn on the schema's section); `declared`: the user's; `cluster`: from the foreign keys. */
  readonly kind: AreaKind;
  /** Table positions, sorted. */
  readonly tables: readonly number[];
  /** The schema all its tables are in, else null. */
  readonly schema: string | null;
  /** Its diagram, within the limits. */
  readonly diagram: FittedDiagram;
}

/** The user's area of each table position (declarations first, then the first matching pattern), or absent. */
function declaredAreas(ctx: DiagramContext, areas: DocsAreas): Map<number, string> {
  const out = new Map<number, string>();
  ctx.tables.forEach((t, i) => {
    const hit = areas.patterns?.find((a) => a.tables.some((p) => matchesTable(p, t.schema, t.name)));
    if (hit) out.set(i, hit.name);
  });
  for (const d of areas.tables ?? []) {
    const i = ctx.position.get(tableId(d.schema, d.table));
    if (i !== undefined) out.set(i, d.area);
  }
  return out;
}

/** The table with the most foreign keys inside the group (ties: the first), which names a cluster. */
function hubOf(ctx: DiagramContext, group: readonly number[]): number {
  const inside = new Set(group);
  let best = must(group[0], 'table of a group');
  let bestDegree = -1;
  for (const t of group) {
    let d = 0;
    for (const [m, w] of adjacentOf(ctx.graph, t)) if (inside.has(m)) d += w;
    if (d > bestDegree) [best, bestDegree] = [t, d];
  }
  return best;
}

/** The specs tried for an area, most detailed first: full columns (small areas), key columns, names; with stubs of linked tables while they fit. */
function areaSpecs(ctx: DiagramContext, tables: readonly number[], home: string | null, withStubs: boolean): DiagramSpec[] {
  const inside = new Set(tables);
  const fks = [...new Set(tables.flatMap((t) => [...ctx.outgoingOf(t), ...ctx.incomingOf(t)]))].sort((a, b) => a - b);
  const inner = fks.filter((f) => inside.has(ctx.endsOf(f)[0]) && inside.has(ctx.endsOf(f)[1]));
  const stubs = withStubs ? [...new Set(fks.flatMap((f) => ctx.endsOf(f)).filter((t) => t >= 0 && !inside.has(t)))].sort((a, b) => a - b) : [];
  const details = tables.length <= ctx.limits.fullColumnsMaxTables ? (['full', 'keys', 'names'] as const) : (['keys', 'names'] as const);
  const specs: DiagramSpec[] = [];
  for (const detail of details) {
    if (stubs.length) specs.push({ tables, detail, stubs, fks, home });
    specs.push({ tables, detail, stubs: [], fks: inner, home });
  }
  return specs;
}

/** Draws a group, halving it (by clusters) until every part's diagram fits the limits. */
function fitGroup(ctx: DiagramContext, tables: readonly number[], home: string | null, withStubs: boolean): { tables: number[]; diagram: FittedDiagram }[] {
  const fitted = tables.length <= ctx.limits.maxTables ? firstFitting(ctx, areaSpecs(ctx, tables, home, withStubs)) : null;
  if (fitted) return [{ tables: [...tables], diagram: fitted }];
  // A single table always fits by name, without relations.
  if (tables.length === 1) {
    const spec: DiagramSpec = { tables, detail: 'names', stubs: [], fks: [], home };
    return [{ tables: [...tables], diagram: { spec, text: drawDiagram(ctx, spec) } }];
  }
  const max = Math.max(1, Math.min(ctx.limits.maxTables, Math.ceil(tables.length / 2)));
  return clusterNodes(ctx.graph, tables, max).flatMap((part) => fitGroup(ctx, part, home, withStubs));
}

const schemaOf = (ctx: DiagramContext, tables: readonly number[]): string | null => {
  const schemas = new Set(tables.map((t) => ctx.table(t).schema));
  const [only = null] = schemas;
  return schemas.size === 1 ? only : null;
};

/** Unique file-safe ids, in order (a repeated id gets `-2`, `-3`, …). */
function uniqueIds(ids: readonly string[]): string[] {
  const used = new Set<string>();
  return ids.map((id) => {
    let out = id;
    for (let n = 2; used.has(out); n++) out = `${id}-${n}`;
    used.add(out);
    return out;
  });
}

/**
 * Splits the documented tables into areas, each drawn within the limits: the user's areas first (split into
 * parts when too large), then per schema: the whole schema when it fits one diagram, else its foreign-key
 * clusters (connected components, communities of large ones, small pieces packed together).
 */
export function buildAreas(ctx: DiagramContext, user: DocsAreas = {}): Area[] {
  const assigned = declaredAreas(ctx, user);
  const drafts: Omit<Area, 'id'>[] = [];
  const idOf: string[] = [];
  const used = new Set(assigned.values());
  const userNames = [...new Set([...(user.patterns ?? []).map((p) => p.name), ...[...used].sort()])].filter((n) => used.has(n));
  for (const name of userNames) {
    const tables = [...assigned]
      .filter(([, a]) => a === name)
      .map(([t]) => t)
      .sort((a, b) => a - b);
    const home = schemaOf(ctx, tables);
    const parts = fitGroup(ctx, tables, home, true);
    parts.forEach((p, k) => {
      drafts.push({
        name: parts.length > 1 ? `${name} (${k + 1}/${parts.length})` : name,
        kind: 'declared',
        tables: p.tables,
        schema: schemaOf(ctx, p.tables),
        diagram: p.diagram,
      });
      idOf.push(fileSafe(parts.length > 1 ? `${name}-${k + 1}` : name));
    });
  }
  const bySchema = new Map<string, number[]>();
  ctx.tables.forEach((t, i) => {
    if (!assigned.has(i)) bySchema.set(t.schema, [...(bySchema.get(t.schema) ?? []), i]);
  });
  for (const [schema, tables] of bySchema) {
    const whole = ctx.tables.filter((t) => t.schema === schema).length === tables.length;
    const parts = fitGroup(ctx, tables, schema, true);
    for (const p of parts) {
      const single = parts.length === 1;
      const hub = ctx.table(hubOf(ctx, p.tables)).name;
      drafts.push({
        name: single ? (whole ? schema : `${schema} · other tables`) : `${schema} · ${hub}`,
        kind: single && whole ? 'schema' : 'cluster',
        tables: p.tables,
        schema,
        diagram: p.diagram,
      });
      idOf.push(single ? fileSafe(schema) : `${fileSafe(schema)}.${fileSafe(hub)}`);
    }
  }
  const ids = uniqueIds(idOf);
  return drafts.map((d, i) => ({ id: must(ids[i], `id of area ${i}`), ...d }));
}
