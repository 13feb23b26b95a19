import { must } from './must';

/**
 * Stable topological sort: among nodes whose dependencies are satisfied, the one that came first in
 * the input goes first, so the output order is deterministic and close to the natural phase order.
 * `edges` maps a node index to the indexes that must come before it. Throws on a cycle, naming it.
 */
export function topoSort(count: number, before: ReadonlyMap<number, ReadonlySet<number>>): number[] {
  const indegree = new Array<number>(count).fill(0);
  const degree = (n: number) => must(indegree[n], `in-degree of step ${n}`);
  const after = new Map<number, number[]>();
  for (const [node, preds] of before) {
    for (const p of preds) {
      if (p === node) continue;
      indegree[node] = degree(node) + 1;
      let list = after.get(p);
      if (!list) after.set(p, (list = []));
      list.push(node);
    }
  }
  // A binary heap keyed by index keeps the sort stable at O((n + e) log n).
  const heap: number[] = [];
  const slot = (i: number) => must(heap[i], `heap slot ${i}`);
  const swap = (i: number, j: number) => {
    const t = slot(i);
    heap[i] = slot(j);
    heap[j] = t;
  };
  const push = (v: number) => {
    heap.push(v);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (slot(parent) <= slot(i)) break;
      swap(parent, i);
      i = parent;
    }
  };
  const pop = (): number => {
    const top = slot(0);
    const last = must(heap.pop(), 'heap top');
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1,
          r = l + 1;
        let m = i;
        if (l < heap.length && slot(l) < slot(m)) m = l;
        if (r < heap.length && slot(r) < slot(m)) m = r;
        if (m === i) break;
        swap(m, i);
        i = m;
      }
    }
    return top;
  };
  for (let i = 0; i < count; i++) if (indegree[i] === 0) push(i);
  const out: number[] = [];
  while (heap.length > 0) {
    const n = pop();
    out.push(n);
    for (const m of after.get(n) ?? []) {
      indegree[m] = degree(m) - 1;
      if (indegree[m] === 0) push(m);
    }
  }
  if (out.length !== count) {
    const stuck = [...Array(count).keys()].filter((i) => degree(i) > 0);
    throw new Error(`dependency cycle among steps ${stuck.slice(0, 10).join(', ')}`);
  }
  return out;
}
