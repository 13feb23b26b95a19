import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { diffCatalogs } from '../../src/diff';
import { introspect } from '../../src/introspect';
import { planChanges, renderDown, renderUp } from '../../src/plan';
import { checkConverges } from '../support/converge';
import { engines } from '../support/engines';
import { checkGolden } from '../support/golden';
import { readFixtureCases } from './fixture-case';

/** Fixture cases with an online golden (`up.online.sql`): the online plan is checked like the offline one. */
const cases = readFixtureCases().filter((fx) => existsSync(join(fx.dir, 'up.online.sql')));

/**
 * Online plans of the chosen fixtures: the plan renders as `up.online.sql` (`up.online.pg18.sql` on PGlite
 * when present), applying it (non-transactional steps on their own) converges A to B, an online re-plan is
 * empty, and its down restores A when the case is reversible.
 */
for (const engine of engines) {
  describe(`online fixtures on ${engine.name}`, function () {
    this.timeout(120_000);
    for (const fx of cases) {
      const skip = fx.skip[engine.name] ?? fx.skip[engine.kind];
      (skip ? it.skip : it)(`${fx.name} (online)`, async function () {
        const dbA = await engine.fresh();
        const dbB = await engine.fresh();
        try {
          await dbA.exec(fx.a);
          await dbB.exec(fx.b);
          const [catA, catB] = [await introspect(dbA), await introspect(dbB)];
          const plan = planChanges(diffCatalogs(catA, catB, fx.renames), { online: true });
          checkGolden(engine.kind === 'pglite' ? join(fx.dir, 'up.online.pg18.sql') : null, join(fx.dir, 'up.online.sql'), renderUp(plan));
          // The down script runs as one script (in one transaction): nothing in it may be CONCURRENTLY, not
          // even the indexes the reverse of an added enum value rebuilds around the enum.
          expect(renderDown(plan), 'down has no CONCURRENTLY').to.not.match(/\bCONCURRENTLY\b/);

          await checkConverges(dbA, plan, {
            catA,
            catB,
            reversible: fx.reversible,
            replan: (after) => planChanges(diffCatalogs(after, catB, fx.renames), { online: true }),
          });
        } finally {
          await dbA.close();
          await dbB.close();
        }
      });
    }
  });
}
