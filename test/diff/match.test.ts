import { expect } from 'chai';
import { matchByKey } from '../../src/diff/match';

/** DB-free, table-driven (Atlas's TestPlanChanges style): each row is from, to, and what matchByKey says. */
describe('matchByKey', () => {
  const cases: { name: string; from: string[]; to: string[]; removed: string[]; added: string[]; common: [string, string][] }[] = [
    { name: 'both empty', from: [], to: [], removed: [], added: [], common: [] },
    { name: 'all added', from: [], to: ['a', 'b'], removed: [], added: ['a', 'b'], common: [] },
    { name: 'all removed', from: ['a', 'b'], to: [], removed: ['a', 'b'], added: [], common: [] },
    {
      name: 'sorted merge',
      from: ['a', 'b', 'd'],
      to: ['b', 'c', 'd'],
      removed: ['a'],
      added: ['c'],
      common: [
        ['b', 'b'],
        ['d', 'd'],
      ],
    },
    {
      name: 'unsorted input (hash join) keeps input order',
      from: ['d', 'a', 'b'],
      to: ['c', 'b', 'd'],
      removed: ['a'],
      added: ['c'],
      common: [
        ['d', 'd'],
        ['b', 'b'],
      ],
    },
    {
      name: 'identical lists',
      from: ['x', 'y'],
      to: ['x', 'y'],
      removed: [],
      added: [],
      common: [
        ['x', 'x'],
        ['y', 'y'],
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      // Objects carry their side, so a pair shows which object came from where.
      const tag = (side: string) => (k: string) => ({ k, side });
      const m = matchByKey(c.from.map(tag('from')), c.to.map(tag('to')), (x) => x.k);
      expect(m.removed.map((x) => x.k)).to.deep.equal(c.removed);
      expect(m.added.map((x) => x.k)).to.deep.equal(c.added);
      expect(m.common.map(([a, b]) => [a.k, b.k])).to.deep.equal(c.common);
      expect(m.common.every(([a, b]) => a.side === 'from' && b.side === 'to')).to.equal(true);
    });
  }
});
