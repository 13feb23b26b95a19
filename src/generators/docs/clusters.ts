/**
 * Graph clustering for diagrams of large schemas: connected components of the foreign-key graph, then a
 * size-capped greedy modularity split (Clauset–Newman–Moore agglomeration, without the heap: the graphs are
 * a few thousand nodes) of components too big for one diagram, then packing of the small pieces left over.
 * Nodes are indices; every result is deterministic (ties go to the lowest node indices).
 */

import { must } from '../../util';

/** An undirected graph over nodes `0..size-1`: neighbour → number of edges (parallel keys add up; no self-loops). */
export interface Graph {
  readonly size: number;
  readonly adjacency: readonly ReadonlyMap<number, number>[];
}

/** Builds a graph from edges; self-loops are dropped, parallel edges weigh more. */
export function buildGraph(size: number, edges: readonly (readonly [number, number])[]): Graph {
  const adjacency = Array.from({ length: size }, () => new Map<number, number>());
  const node = (n: number) => must(adjacency[n], `graph node ${n}`);
  for (const [a, b] of edges) {
    if (a === b) continue;
    const [na, nb] = [node(a), node(b)];
    na.set(b, (na.get(b) ?? 0) + 1);
    nb.set(a, (nb.get(a) ?? 0) + 1);
  }
  return { size, adjacency };
}

/** The neighbours of node `n` (a node outside `0..size-1` is a bug). */
export function adjacentOf(g: Graph, n: number): ReadonlyMap<number, number> {
  return must(g.adjacency[n], `graph node ${n}`);
}

/** Orders node lists by their first node (lists are never empty). */
const byFirst = (a: readonly number[], b: readonly number[]) => must(a[0], 'first node') - must(b[0], 'first node');

/** Connected components of the subgraph induced by `nodes`, each sorted, ordered by their first node. */
export function connectedComponents(g: Graph, nodes: readonly number[]): number[][] {
  const inside = new Set(nodes);
  const seen = new Set<number>();
  const out: number[][] = [];
  for (const start of [...nodes].sort((a, b) => a - b)) {
    if (seen.has(start)) continue;
    const comp: number[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      const n = stack.pop()!;
      comp.push(n);
      for (const m of adjacentOf(g, n).keys())
        if (inside.has(m) && !seen.has(m)) {
          seen.add(m);
          stack.push(m);
        }
    }
    out.push(comp.sort((a, b) => a - b));
  }
  return out.sort(byFirst);
}

interface Community {
  members: number[];
  /** Sum of the members' degrees inside the subgraph. */
  degree: number;
  /** Neighbouring community id → edges between them. */
  links: Map<number, number>;
}

/** Communities of the subgraph induced by `nodes`, one per node, with their links. */
function singletons(g: Graph, nodes: readonly number[]): { communities: Map<number, Community>; edges: number } {
  const inside = new Set(nodes);
  const communities = new Map<number, Community>();
  let twice = 0;
  for (const n of nodes) {
    const links = new Map<number, number>();
    for (const [m, w] of adjacentOf(g, n)) if (inside.has(m)) links.set(m, w);
    const degree = [...links.values()].reduce((s, w) => s + w, 0);
    twice += degree;
    communities.set(n, { members: [n], degree, links });
  }
  return { communities, edges: twice / 2 };
}

/** Merges community `j` into `i`, moving its links. */
function merge(all: Map<number, Community>, i: number, j: number): void {
  const a = all.get(i)!;
  const b = all.get(j)!;
  a.members.push(...b.members);
  a.degree += b.degree;
  for (const [k, w] of b.links) {
    if (k === i) continue;
    a.links.set(k, (a.links.get(k) ?? 0) + w);
    const other = all.get(k)!;
    other.links.delete(j);
    other.links.set(i, (other.links.get(i) ?? 0) + w);
  }
  a.links.delete(j);
  all.delete(j);
}

/** The best merge of two linked communities under the size cap by `score`, or null (ties: lowest ids). */
function bestMerge(
  all: Map<number, Community>,
  maxSize: number,
  score: (a: Community, b: Community, w: number) => number,
  only?: (c: Community) => boolean,
): [number, number] | null {
  let best: [number, number] | null = null;
  let bestScore = 0;
  for (const [i, a] of all) {
    if (only && !only(a)) continue;
    for (const [j, w] of a.links) {
      const b = all.get(j)!;
      if (a.members.length + b.members.length > maxSize) continue;
      const s = score(a, b, w);
      const [x, y] = i < j ? [i, j] : [j, i];
      if (s <= 0) continue;
      if (best === null || s > bestScore || (s === bestScore && (x < best[0] || (x === best[0] && y < best[1])))) {
        best = [x, y];
        bestScore = s;
      }
    }
  }
  return best;
}

/**
 * Splits the subgraph induced by `nodes` (usually one connected component) into communities of at most
 * `maxSize` nodes: greedy modularity merges (ΔQ = w/m − 2·aᵢ·aⱼ) while one improves modularity, then
 * communities smaller than `minSize` join the linked community they share most edges with, when it fits.
 */
export function splitCommunities(g: Graph, nodes: readonly number[], maxSize: number, minSize: number): number[][] {
  const { communities, edges } = singletons(g, nodes);
  if (edges > 0) {
    const m = edges;
    const gain = (a: Community, b: Community, w: number) => w / m - 2 * (a.degree / (2 * m)) * (b.degree / (2 * m));
    for (let pair = bestMerge(communities, maxSize, gain); pair; pair = bestMerge(communities, maxSize, gain)) merge(communities, pair[0], pair[1]);
    const small = (c: Community) => c.members.length < minSize;
    // Shared edges first, modularity as the tie-break (scaled below one edge).
    const glue = (a: Community, b: Community, w: number) => w + 0.5 + gain(a, b, w) / 4;
    for (let pair = bestMerge(communities, maxSize, glue, small); pair; pair = bestMerge(communities, maxSize, glue, small))
      merge(communities, pair[0], pair[1]);
  }
  return [...communities.values()].map((c) => c.members.sort((a, b) => a - b)).sort(byFirst);
}

/**
 * Packs groups into bins of at most `maxSize` nodes, first-fit by decreasing size (groups stay whole; a
 * group larger than the cap gets a bin of its own). Bins are ordered by their first node.
 */
export function packGroups(groups: readonly (readonly number[])[], maxSize: number): number[][] {
  const order = [...groups].sort((a, b) => b.length - a.length || byFirst(a, b));
  const bins: number[][] = [];
  for (const g of order) {
    const bin = bins.find((b) => b.length + g.length <= maxSize);
    if (bin) bin.push(...g);
    else bins.push([...g]);
  }
  return bins.map((b) => b.sort((x, y) => x - y)).sort(byFirst);
}

/**
 * Groups `nodes` for diagrams of at most `maxSize` nodes: connected components stay whole when they fit,
 * larger ones are split into communities, and pieces smaller than `minSize` are packed together.
 */
export function clusterNodes(g: Graph, nodes: readonly number[], maxSize: number, minSize = Math.max(2, Math.floor(maxSize / 4))): number[][] {
  if (nodes.length <= maxSize) return [[...nodes].sort((a, b) => a - b)];
  const pieces = connectedComponents(g, nodes).flatMap((c) => (c.length > maxSize ? splitCommunities(g, c, maxSize, minSize) : [c]));
  const big = pieces.filter((p) => p.length >= minSize);
  const small = pieces.filter((p) => p.length < minSize);
  return [...big, ...packGroups(small, maxSize)].sort(byFirst);
}
