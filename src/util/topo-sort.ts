/**
 * Stable topological sort: among nodes whose dependencies are satisfied, the one that came first in
 * the input goes first, so the output order is deterministic and close to the natural phase order.
 * `edges` maps a node index to the indexes that must come before it. Throws on a cycle, naming it.
 */
export function topoSort(count: number, before: ReadonlyMap<number, ReadonlySet<number>>): number[] {
  const indegree = new Array<number>(count).fill(0);
  const after = new Map<number, number[]>();
  for (const [node, preds] of before) {
    for (const p of preds) {
      if (p === node) continue;
      indegree[node]++;
      let list = after.get(p);
      if (!list) after.set(p, (list = []));
      list.push(node);
    }
  }
  // A binary heap keyed by index keeps the sort stable at O((n + e) log n).
  const heap: number[] = [];
  const push = (v: number) => {
    heap.push(v);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent] <= heap[i]) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1,
          r = l + 1;
        let m = i;
        if (l < heap.length && heap[l] < heap[m]) m = l;
        if (r < heap.length && heap[r] < heap[m]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
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
    for (const m of after.get(n) ?? []) if (--indegree[m] === 0) push(m);
  }
  if (out.length !== count) {
    const stuck = [...Array(count).keys()].filter((i) => indegree[i] > 0);
    throw new Error(`dependency cycle among steps ${stuck.slice(0, 10).join(', ')}`);
  }
  return out;
}
