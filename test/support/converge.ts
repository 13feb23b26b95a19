import { expect } from 'chai';
import type { Db } from '../../src/db';
import { introspect } from '../../src/introspect';
import { applyPlan } from '../../src/apply';
import type { Catalog } from '../../src/model';
import { hazardKinds, renderDown, type Plan } from '../../src/plan';
import { catalogView as view } from './catalog-view';

/** What checkConverges needs besides the plan. */
export interface ConvergeCase {
  readonly catA: Catalog;
  readonly catB: Catalog;
  /** Plans again from the catalog after applying (must be empty). */
  readonly replan: (after: Catalog) => Plan;
  readonly reversible: boolean;
  /** What "equals B" compares of the catalog after applying (default: all of it). */
  readonly adjust?: (after: Catalog) => Catalog;
}

/**
 * The harnesses' convergence checks: applying `plan` to `db` (every hazard allowed) gives a catalog equal
 * to B, a second plan is empty, and the down script restores A when the case is reversible.
 */
export async function checkConverges(db: Db, plan: Plan, c: ConvergeCase): Promise<void> {
  await applyPlan(db, plan, { allowHazards: hazardKinds });
  const after = await introspect(db);
  expect(view(c.adjust ? c.adjust(after) : after), 'catalog after applying the plan equals B').to.deep.equal(view(c.catB));
  const again = c.replan(after);
  expect(
    again.steps.map((s) => s.sql),
    'second plan is empty',
  ).to.deep.equal([]);
  if (c.reversible) {
    await db.exec(renderDown(plan));
    expect(view(await introspect(db)), 'down restores A').to.deep.equal(view(c.catA));
  }
}
