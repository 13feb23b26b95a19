import { expect } from 'chai';
import { topoSort } from '../../src/util';

/** DB-free, table-driven: `before` lists, per node, the nodes that must come first. */
describe('topoSort', () => {
  const cases: { name: string; count: number; before: [number, number[]][]; order: number[] }[] = [
    { name: 'no nodes', count: 0, before: [], order: [] },
    { name: 'no edges: input order', count: 3, before: [], order: [0, 1, 2] },
    {
      name: 'a chain against input order',
      count: 3,
      before: [
        [0, [1]],
        [1, [2]],
      ],
      order: [2, 1, 0],
    },
    { name: 'stable: the free node with the lowest index goes first', count: 4, before: [[1, [3]]], order: [0, 2, 3, 1] },
    {
      name: 'diamond',
      count: 4,
      before: [
        [0, [1, 2]],
        [1, [3]],
        [2, [3]],
      ],
      order: [3, 1, 2, 0],
    },
    { name: 'a self edge is ignored', count: 2, before: [[0, [0]]], order: [0, 1] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const before = new Map(c.before.map(([n, ps]) => [n, new Set(ps)] as const));
      expect(topoSort(c.count, before)).to.deep.equal(c.order);
    });
  }

  it('throws on a cycle', () => {
    expect(() =>
      topoSort(
        3,
        new Map([
          [0, new Set([1])],
          [1, new Set([2])],
          [2, new Set([0])],
        ]),
      ),
    ).to.throw();
  });
});
