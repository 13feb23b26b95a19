import type { Area } from './areas';
import type { DiagramContext } from './diagrams';
import { must } from '../../util';
import { tablePath } from './markdown';
import { mermaidString } from './mermaid';
import { tableLabel, type LinkView } from './table-view';

/** Where an area is shown: its own page (`areas/<id>.md`), or, for a whole schema, the schema's section. */
export interface AreaRef {
  readonly name: string;
  /** `areas/<id>.md`, or null when the area is a whole schema drawn on the schema's section. */
  readonly path: string | null;
  /** The schema of a whole-schema area (its section), else null. */
  readonly schema: string | null;
  /** Position of that schema in the overview (the README anchor `schema-<n>`), else null. */
  readonly schemaIndex: number | null;
}

/** A foreign key between a table of the area and a table of another area. */
export interface CrossLinkView {
  /** `references`: the area's table references the other; `referenced by`: the other references it. */
  readonly direction: 'references' | 'referenced by';
  readonly table: LinkView;
  readonly columns: readonly string[];
  readonly other: LinkView;
  readonly otherColumns: readonly string[];
  readonly area: AreaRef;
  readonly name: string;
}

/** An area's page data. */
export interface AreaView extends AreaRef {
  readonly id: string;
  readonly kind: Area['kind'];
  readonly tableCount: number;
  readonly tables: readonly (LinkView & { readonly comment: string | null })[];
  readonly diagram: string;
  /** `every column`, `key columns` or `table names`: what the diagram shows of each table. */
  readonly detail: string;
  /** Foreign keys to and from other areas, listed below the diagram. */
  readonly links: readonly CrossLinkView[];
  readonly linksOut: number;
  readonly linksIn: number;
}

const detailText = { full: 'every column', keys: 'key columns', names: 'table names' } as const;

/** The reference of each area (schema indexes from the overview's order). */
export function areaRefs(areas: readonly Area[], schemaNames: readonly string[]): AreaRef[] {
  return areas.map((a) =>
    a.kind === 'schema'
      ? { name: a.name, path: null, schema: a.schema, schemaIndex: schemaNames.indexOf(a.schema!) }
      : { name: a.name, path: `areas/${a.id}.md`, schema: null, schemaIndex: null },
  );
}

/** The area (position in `areas`) of each table position. */
export function areaOfTable(areas: readonly Area[], tableCount: number): number[] {
  const out = new Array<number>(tableCount).fill(-1);
  areas.forEach((a, i) => a.tables.forEach((t) => (out[t] = i)));
  return out;
}

/** Builds the page data of every area: its tables, diagram and cross-area links. */
export function buildAreaViews(ctx: DiagramContext, areas: readonly Area[], refs: readonly AreaRef[]): AreaView[] {
  const areaOf = areaOfTable(areas, ctx.tables.length);
  const link = (t: number, home: string | null): LinkView => ({
    label: tableLabel(ctx.table(t).schema, ctx.table(t).name, home),
    path: tablePath(ctx.table(t).schema, ctx.table(t).name),
  });
  return areas.map((a, i) => {
    const home = a.schema;
    const links: CrossLinkView[] = [];
    for (const t of a.tables) {
      for (const f of ctx.outgoingOf(t)) {
        const other = ctx.endsOf(f)[1];
        if (other < 0 || areaOf[other] === i) continue;
        const fk = ctx.fk(f);
        links.push({
          direction: 'references',
          table: link(t, home),
          columns: fk.columns,
          other: link(other, home),
          otherColumns: fk.refColumns,
          area: must(refs[areaOf[other] ?? -1], `area of table ${other}`),
          name: fk.name,
        });
      }
      for (const f of ctx.incomingOf(t)) {
        const other = ctx.endsOf(f)[0];
        if (other < 0 || areaOf[other] === i) continue;
        const fk = ctx.fk(f);
        links.push({
          direction: 'referenced by',
          table: link(t, home),
          columns: fk.refColumns,
          other: link(other, home),
          otherColumns: fk.columns,
          area: must(refs[areaOf[other] ?? -1], `area of table ${other}`),
          name: fk.name,
        });
      }
    }
    return {
      ...must(refs[i], `reference of area ${i}`),
      id: a.id,
      kind: a.kind,
      tableCount: a.tables.length,
      tables: a.tables.map((t) => ({ ...link(t, home), comment: ctx.table(t).comment })),
      diagram: a.diagram.text,
      detail: detailText[a.diagram.spec.detail],
      links,
      linksOut: links.filter((l) => l.direction === 'references').length,
      linksIn: links.filter((l) => l.direction === 'referenced by').length,
    };
  });
}

/** The overview map: areas as entities, one relationship per pair of areas with the count of foreign keys. */
export interface AreaMap {
  readonly diagram: string;
  /** Pairs of areas whose links the map leaves out to stay within the size limit (the weakest first). */
  readonly pairsLeftOut: number;
}

/**
 * Draws the map of areas: `referenced ||--o{ referencing : "n foreign keys"`. Pairs with the fewest links
 * are left out while the diagram is over the size limit.
 */
export function buildAreaMap(ctx: DiagramContext, areas: readonly Area[]): AreaMap {
  const areaOf = areaOfTable(areas, ctx.tables.length);
  const counts = new Map<string, number>();
  for (const [child, parent] of ctx.ends) {
    if (child < 0 || parent < 0 || areaOf[child] === areaOf[parent]) continue;
    const k = `${areaOf[parent]} ${areaOf[child]}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const id = (i: number) => `area_${i + 1}`;
  const entities = areas.map((a, i) => `  ${id(i)}[${mermaidString(`${a.name} (${a.tables.length} ${a.tables.length === 1 ? 'table' : 'tables'})`)}]`);
  const pairs = [...counts].map(([k, n]) => ({ from: Number(k.split(' ')[0]), to: Number(k.split(' ')[1]), n }));
  const strongest = [...pairs].sort((a, b) => b.n - a.n || a.from - b.from || a.to - b.to);
  let kept = strongest.length;
  const draw = () => {
    const rels = strongest
      .slice(0, kept)
      .sort((a, b) => a.from - b.from || a.to - b.to)
      .map((p) => `  ${id(p.from)} ||--o{ ${id(p.to)} : ${mermaidString(`${p.n} foreign ${p.n === 1 ? 'key' : 'keys'}`)}`);
    return ['erDiagram', ...entities, ...rels].join('\n');
  };
  let text = draw();
  while (text.length > ctx.limits.maxChars && kept > 0) {
    kept = Math.max(0, kept - Math.max(1, Math.ceil(kept / 10)));
    text = draw();
  }
  return { diagram: text, pairsLeftOut: strongest.length - kept };
}
