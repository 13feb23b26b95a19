import { expect } from 'chai';
import { join } from 'node:path';
import { renderUp } from '../../src/plan';
import { checkConverges } from '../support/converge';
import { engines } from '../support/engines';
import { checkGolden } from '../support/golden';
import { readFixtureCases, withPlannedPair } from './fixture-case';

const cases = readFixtureCases();

/**
 * The fixture harness (migra style): for every case and engine, the plan A→B renders as the golden up.sql,
 * has the expected hazards, converges A to B, re-plans empty, and its down restores A when reversible.
 */
for (const engine of engines) {
  describe(`fixtures on ${engine.name}`, function () {
    this.timeout(120_000);
    for (const fx of cases) {
      const skip = fx.skip[engine.name] ?? fx.skip[engine.kind];
      (skip ? it.skip : it)(`${fx.name}${fx.description ? ` — ${fx.description}` : ''}`, async function () {
        await withPlannedPair(engine, fx, async ({ dbA, catA, catB, plan, replan }) => {
          const up = renderUp(plan);
          checkGolden(engine.kind === 'pglite' ? join(fx.dir, 'up.pg18.sql') : null, join(fx.dir, 'up.sql'), up);
          const hazards = [...new Set(plan.steps.flatMap((s) => s.hazards.map((h) => h.kind)))].sort();
          expect(hazards, 'hazard kinds').to.deep.equal(fx.hazards);
          const irreversible = plan.steps.filter((s) => s.reverse === null).map((s) => s.irreversible);
          expect(irreversible.length === 0, `reversible (irreversible steps: ${irreversible.join('; ')})`).to.equal(fx.reversible);

          await checkConverges(dbA, plan, { catA, catB, reversible: fx.reversible, replan });
        });
      });
    }
  });
}
