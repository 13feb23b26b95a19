import { must } from '../../util';
import { drawDiagram, firstFitting, type DiagramContext, type DiagramSpec, type Detail } from './diagrams';

/** A table page's diagram: the table, what it references and what references it. */
export interface Neighbourhood {
  readonly diagram: string;
  /** 2 when the neighbours' neighbours are drawn too (small neighbourhoods), else 1. */
  readonly depth: 1 | 2;
  /** Tables linked to this one that the diagram leaves out to stay within the limits (the page lists them all). */
  readonly notDrawn: number;
}

/** Tables linked to `t` (referenced ones first, then referencing ones; without `t`). */
function neighboursOf(ctx: DiagramContext, t: number): number[] {
  const out: number[] = [];
  const seen = new Set([t, -1]);
  for (const f of ctx.outgoingOf(t))
    if (!seen.has(ctx.endsOf(f)[1])) {
      seen.add(ctx.endsOf(f)[1]);
      out.push(ctx.endsOf(f)[1]);
    }
  for (const f of ctx.incomingOf(t))
    if (!seen.has(ctx.endsOf(f)[0])) {
      seen.add(ctx.endsOf(f)[0]);
      out.push(ctx.endsOf(f)[0]);
    }
  return out;
}

/** Foreign keys (positions) of `t` itself. */
const ownFks = (ctx: DiagramContext, t: number): number[] => [...new Set([...ctx.outgoingOf(t), ...ctx.incomingOf(t)])].sort((a, b) => a - b);

/** The depth-2 spec, when the neighbours' neighbours are few enough; else null. */
function depth2(ctx: DiagramContext, t: number, first: readonly number[]): DiagramSpec | null {
  if (first.length === 0) return null;
  const drawn = new Set([t, ...first]);
  const second: number[] = [];
  for (const n of first)
    for (const m of neighboursOf(ctx, n))
      if (!drawn.has(m)) {
        drawn.add(m);
        second.push(m);
      }
  if (second.length === 0 || drawn.size > ctx.limits.depth2MaxTables) return null;
  const fks = [...new Set([t, ...first].flatMap((n) => ownFks(ctx, n)))].sort((a, b) => a - b);
  return { tables: [t], detail: 'full', stubs: [...first, ...second], fks, home: ctx.table(t).schema };
}

/**
 * Draws the neighbourhood of table `t`: depth 2 when that stays small, else depth 1; a table linked to more
 * tables than a diagram holds draws the first ones (referenced tables first) and says how many are left out.
 * The table is drawn with every column, else its key columns, else by name, whichever fits the limits.
 */
export function neighbourhoodOf(ctx: DiagramContext, t: number): Neighbourhood {
  const first = neighboursOf(ctx, t);
  const home = ctx.table(t).schema;
  const fks = ownFks(ctx, t);
  const specs: DiagramSpec[] = [];
  const wide = depth2(ctx, t, first);
  if (wide) specs.push(wide);
  const counts: number[] = [];
  for (let n = Math.min(first.length, ctx.limits.maxTables - 1); n > 0; n = Math.floor(n / 2)) counts.push(n);
  counts.push(0);
  for (const n of counts) for (const detail of ['full', 'keys', 'names'] as Detail[]) specs.push({ tables: [t], detail, stubs: first.slice(0, n), fks, home });
  const last = must(specs.at(-1), 'the smallest diagram spec');
  const fitted = firstFitting(ctx, specs) ?? { text: drawDiagram(ctx, last), spec: last };
  const drawn = fitted.spec === wide ? first.length : fitted.spec.stubs.length;
  return { diagram: fitted.text, depth: fitted.spec === wide ? 2 : 1, notDrawn: first.length - drawn };
}
