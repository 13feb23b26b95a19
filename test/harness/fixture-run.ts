import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { introspect } from '../../src/introspect';
import { catalogHash, metaFromPlan, migrateDown, migrateUp, readHistory, readMigrations, writeMigration } from '../../src/migrate';
import type { Catalog } from '../../src/model';
import { renderDown, renderUp, type Plan } from '../../src/plan';
import { catalogView as view } from '../support/catalog-view';
import { checkConverges } from '../support/converge';
import type { EngineUnderTest } from '../support/engines';
import { checkGolden } from '../support/golden';
import { readFixtureCases, withPlannedPair, type FixtureCase } from './fixture-case';

const allCases = readFixtureCases();

/**
 * One part of the cases (every `of`-th from the `part`-th, 1-based): the harness is split over a few files so
 * that a parallel run spreads it over its workers (it is most of the suite). Test titles do not name the part.
 */
export interface Part {
  readonly part: number;
  readonly of: number;
}

const casesOf = ({ part, of }: Part): FixtureCase[] => allCases.filter((_, i) => i % of === part - 1);

/** What a case's databases A and B give: their catalogs and the plan A→B. */
export interface Planned {
  readonly catA: Catalog;
  readonly catB: Catalog;
  readonly plan: Plan;
}

/**
 * The planned cases of one engine, by case name, kept from the fixture test for the migration-directory test
 * of the same case (which takes its entry): making A and B and introspecting them is most of either test.
 */
export type PlannedCases = Map<string, Planned>;

const skipped = (fx: FixtureCase, engine: EngineUnderTest) => fx.skip[engine.name] ?? fx.skip[engine.kind];

/**
 * The fixture harness (migra style): for every case on `engine`, the plan A→B renders as the golden up.sql,
 * has the expected hazards, converges A to B, re-plans empty, and its down restores A when reversible.
 * With `planned`, each case's catalogs and plan are kept there for describeFixtureMigrations.
 */
export function describeFixtures(engine: EngineUnderTest, part: Part, planned?: PlannedCases): void {
  describe(`fixtures on ${engine.name}`, function () {
    this.timeout(120_000);
    for (const fx of casesOf(part)) {
      (skipped(fx, engine) ? it.skip : it)(`${fx.name}${fx.description ? ` — ${fx.description}` : ''}`, async function () {
        await withPlannedPair(engine, fx, async ({ dbA, catA, catB, plan, replan }) => {
          planned?.set(fx.name, { catA, catB, plan });
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

/**
 * Every fixture as a versioned migration on `engine`: its plan written as a migration directory, `migrate up`
 * reaches B with one history row, and `migrate down` (the recorded down SQL) restores A when the case is
 * reversible. A case's catalogs and plan come from `planned` when its fixture test made them (run alone, e.g.
 * with --grep, the test makes them itself); A is always a new database.
 */
export function describeFixtureMigrations(engine: EngineUnderTest, part: Part, planned: PlannedCases): void {
  describe(`fixtures as migration directories (${engine.name}): up reaches B, down restores A`, function () {
    this.timeout(60_000);
    const root = mkdtempSync(join(tmpdir(), 'schemakit-fixture-migrations-'));
    after(() => rmSync(root, { recursive: true, force: true }));

    for (const fx of casesOf(part)) {
      (skipped(fx, engine) ? it.skip : it)(fx.name, async () => {
        // Run alone (e.g. with --grep), the test makes the case's catalogs and plan as its fixture test does.
        const { catA, catB, plan } = planned.get(fx.name) ?? (await withPlannedPair(engine, fx, async ({ catA, catB, plan }) => ({ catA, catB, plan })));
        planned.delete(fx.name);
        const dbA = await engine.fresh();
        try {
          await dbA.exec(fx.a);
          const dir = join(root, fx.name);
          writeMigration(dir, {
            version: '20260101000000',
            name: fx.name.replace(/[^A-Za-z0-9_-]/g, '_'),
            up: renderUp(plan),
            down: renderDown(plan),
            meta: metaFromPlan(plan, { from: catalogHash(catA), to: catalogHash(catB), hashedOn: 'postgres 15' }),
          });
          const runs = await migrateUp(dbA, readMigrations(dir));
          expect(runs).to.have.length(1);
          expect(view(await introspect(dbA)), 'migrate up reaches B').to.deep.equal(view(catB));
          if (!fx.reversible) return;
          await migrateDown(dbA, { allowHazards: ['deletes-data'] });
          expect(view(await introspect(dbA)), 'migrate down restores A').to.deep.equal(view(catA));
          expect(await readHistory(dbA)).to.deep.equal([]);
        } finally {
          await dbA.close();
        }
      });
    }
  });
}
