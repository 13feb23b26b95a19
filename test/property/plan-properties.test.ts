import { expect } from 'chai';
import fc from 'fast-check';
import { diffCatalogs } from '../../src/diff';
import { introspect } from '../../src/introspect';
import { applyPlan } from '../../src/apply';
import { hazardKinds, planChanges, renderDown } from '../../src/plan';
import { catalogView as view } from '../support/catalog-view';
import { engines } from '../support/engines';
import { renderSchemaSql, schemaArb } from './catalog-gen';

const runs = Number(process.env.SCHEMAKIT_PROPERTY_RUNS ?? 20);
const seed = Number(process.env.SCHEMAKIT_PROPERTY_SEED ?? 20261121);

/**
 * Property tests over random schema pairs: diff(m, m) is empty; plan(m1→m2) applied to m1 yields m2, a second
 * plan is empty; down after up restores m1. fast-check prints the seed and the shrunk counterexample on failure.
 */
for (const engine of engines) {
  describe(`plan properties on ${engine.name} (seed ${seed}, ${runs} runs)`, function () {
    this.timeout(120_000);
    it('diff(m, m) is empty and introspection is stable', async () => {
      await fc.assert(
        fc.asyncProperty(schemaArb, async (m) => {
          const db = await engine.fresh();
          try {
            await db.exec(renderSchemaSql(m));
            const [c1, c2] = [await introspect(db), await introspect(db)];
            expect(view(c1)).to.deep.equal(view(c2));
            expect(diffCatalogs(c1, c2)).to.deep.equal([]);
          } finally {
            await db.close();
          }
        }),
        { numRuns: runs, seed },
      );
    });

    it('plan(m1→m2) converges, re-plans empty, and down restores m1', async () => {
      await fc.assert(
        fc.asyncProperty(schemaArb, schemaArb, async (m1, m2) => {
          const [db1, db2] = [await engine.fresh(), await engine.fresh()];
          try {
            await db1.exec(renderSchemaSql(m1));
            await db2.exec(renderSchemaSql(m2));
            const [c1, c2] = [await introspect(db1), await introspect(db2)];
            const plan = planChanges(diffCatalogs(c1, c2));
            await applyPlan(db1, plan, { allowHazards: hazardKinds });
            const after = await introspect(db1);
            expect(view(after), 'converged to m2').to.deep.equal(view(c2));
            expect(
              planChanges(diffCatalogs(after, c2)).steps.map((s) => s.sql),
              'second plan',
            ).to.deep.equal([]);
            if (plan.steps.every((s) => s.reverse !== null)) {
              await db1.exec(renderDown(plan));
              expect(view(await introspect(db1)), 'down restores m1').to.deep.equal(view(c1));
            }
          } finally {
            await db1.close();
            await db2.close();
          }
        }),
        { numRuns: runs, seed },
      );
    });
  });
}
