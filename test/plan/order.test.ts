import { expect } from 'chai';
import type { Change } from '../../src/diff';
import { Phase, type PhaseName } from '../../src/plan/planned-step';
import { orderSteps } from '../../src/plan/order';
import type { PlannedStep } from '../../src/plan/planned-step';

/** A step reduced to what ordering reads: its phase and graph keys (the SQL is its name). */
function step(
  sql: string,
  phase: PhaseName,
  keys: { creates?: string[]; drops?: string[]; needs?: string[]; precedes?: string[]; op?: '+' | '~' | '-' } = {},
): PlannedStep {
  return {
    step: {
      sql,
      reverse: null,
      irreversible: null,
      hazards: [],
      transactional: true,
      object: sql,
      op: keys.op ?? '+',
      change: { kind: 'CreateSchema' } as unknown as Change,
      locks: [],
      timeouts: null,
    },
    phase: Phase[phase],
    creates: keys.creates ?? [],
    drops: keys.drops ?? [],
    needs: keys.needs ?? [],
    precedes: keys.precedes ?? [],
  };
}

/** DB-free, table-driven (Atlas's TestPlanChanges style): groups of steps (one per change) and the order planned. */
describe('step ordering (orderSteps)', () => {
  const cases: { name: string; groups: PlannedStep[][]; order: string[] }[] = [
    {
      name: 'phases break ties: drops before creates, renames first',
      groups: [[step('create t', 'CreateTable')], [step('drop u', 'DropTable', { op: '-' })], [step('rename v', 'Rename')]],
      order: ['rename v', 'drop u', 'create t'],
    },
    {
      name: 'a step comes after the step creating what it needs, whatever the phases',
      groups: [
        [step('create index on a', 'CreateIndex', { needs: ['rel a'] })],
        [step('create function f', 'CreateRoutine', { needs: ['rel a'] })],
        [step('create a', 'CreateTable', { creates: ['rel a'] })],
      ],
      order: ['create a', 'create function f', 'create index on a'],
    },
    {
      name: 'a drop of a key comes before the create of the same key (recreate)',
      groups: [[step('create a again', 'CreateSchema', { creates: ['rel a'] })], [step('drop a', 'DropTable', { drops: ['rel a'], op: '-' })]],
      order: ['drop a', 'create a again'],
    },
    {
      name: 'a dropping step that needs a key runs before the key is dropped',
      groups: [[step('drop t', 'DropTable', { drops: ['rel t'], op: '-' })], [step('drop view v', 'DropView', { needs: ['rel t'], op: '-' })]],
      order: ['drop view v', 'drop t'],
    },
    {
      name: 'the steps of one change keep their order within a phase, and stay in one chain',
      groups: [[step('b', 'Rename'), step('a', 'Rename')], [step('other', 'Rename')]],
      order: ['b', 'a', 'other'],
    },
    {
      name: 'a step that precedes a key runs before the step dropping it',
      groups: [
        [step('drop column c', 'DropColumn', { drops: ['column c'], op: '-' })],
        [step('drop view reading c', 'CreateView', { precedes: ['column c'], op: '-' })],
      ],
      order: ['drop view reading c', 'drop column c'],
    },
  ];
  for (const c of cases) it(c.name, () => expect(orderSteps(c.groups).map((s) => s.step.sql)).to.deep.equal(c.order));

  it('a dependency cycle is an error naming steps', () => {
    const groups = [[step('a', 'CreateTable', { creates: ['a'], needs: ['b'] })], [step('b', 'CreateTable', { creates: ['b'], needs: ['a'] })]];
    expect(() => orderSteps(groups)).to.throw(/cannot be ordered/);
  });
});
