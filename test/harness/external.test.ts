import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPatch } from 'diff';
import { checkConverges } from '../support/converge';
import { engines, type EngineUnderTest } from '../support/engines';
import { schemaDump } from '../support/schema-dump';
import { CaseLoadError, readFixtureCases, withPlannedPair, type FixtureCase } from './fixture-case';

/**
 * Other projects' acceptance pairs (migra's tests/FIXTURES, pg-schema-diff's acceptance cases, …) run through
 * the fixture harness: for each case and engine the plan A→B applied to A converges (catalog equals B, a second
 * plan is empty, every hazard allowed) and, on the server, `pg_dump --schema-only` of the result equals B's.
 *
 * Their files are not kept in this repository (other projects' content stays out of our commits): point
 * SCHEMAKIT_EXTERNAL_FIXTURES at a folder of case folders (`<case>/a.sql`, `<case>/b.sql`; a missing a.sql is
 * an empty start), or of suites of them (`<suite>/<case>/…`). A suite may hold a `setup.sql` run on both
 * databases before the case (roles the cases grant to, say: roles belong to the server). A case whose a.sql or
 * b.sql does not load on an engine (a missing extension, a PG18-only feature) is pending, with the reason in
 * its title. The run ends with a summary (converged / failed / not loadable per suite and engine), also written
 * as JSON to SCHEMAKIT_EXTERNAL_REPORT when set.
 */
const ROOT = process.env['SCHEMAKIT_EXTERNAL_FIXTURES'];

interface Suite {
  readonly name: string;
  readonly setup: string;
  readonly cases: readonly FixtureCase[];
}

function readSuites(root: string): Suite[] {
  const suite = (name: string, dir: string): Suite => ({
    name,
    setup: existsSync(join(dir, 'setup.sql')) ? readFileSync(join(dir, 'setup.sql'), 'utf8') : '',
    cases: readFixtureCases(dir, 'b.sql'),
  });
  const nested = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => suite(name, join(root, name)))
    .filter((s) => s.cases.length > 0);
  return [suite('', root), ...nested].filter((s) => s.cases.length > 0);
}

type Outcome = 'converged' | 'failed' | 'not loadable';
interface Result {
  readonly engine: string;
  readonly suite: string;
  readonly name: string;
  readonly outcome: Outcome;
  readonly reason: string;
}
const results: Result[] = [];

/** Plan, apply, compare: throws (with the stage in the message) unless the case converges. */
async function checkExternalCase(engine: EngineUnderTest, suite: Suite, fx: FixtureCase): Promise<void> {
  await withPlannedPair(
    engine,
    fx,
    async ({ dbA, dbB, catA, catB, plan, replan }) => {
      await checkConverges(dbA, plan, { catA, catB, reversible: false, replan });
      if (dbA.url !== null && dbB.url !== null) {
        const [dumpA, dumpB] = [await schemaDump(dbA.url), await schemaDump(dbB.url)];
        if (dumpA !== dumpB) expect.fail(`pg_dump --schema-only differs:\n${createPatch('dump', dumpB, dumpA).slice(0, 6000)}`);
      }
    },
    suite.setup,
  );
}

function summary(): string {
  const groups = new Map<string, Result[]>();
  for (const r of results) groups.set(`${r.suite || '.'} on ${r.engine}`, [...(groups.get(`${r.suite || '.'} on ${r.engine}`) ?? []), r]);
  const lines = [...groups].map(([group, rs]) => {
    const count = (o: Outcome) => rs.filter((r) => r.outcome === o).length;
    return `${group}: ${count('converged')} converged, ${count('failed')} failed, ${count('not loadable')} not loadable (of ${rs.length})`;
  });
  return ['external fixtures', ...lines].join('\n  ');
}

if (ROOT === undefined)
  describe('external fixtures', () => {
    it.skip('need SCHEMAKIT_EXTERNAL_FIXTURES: a folder of other projects’ <case>/a.sql,b.sql pairs (or of suites of them), kept out of the repository');
  });
else {
  const suites = readSuites(ROOT);
  describe('external fixtures', function () {
    after(function () {
      // The summary is this suite's report: mocha's reporter lists the cases, this counts them.
      console.log(summary());
      const out = process.env['SCHEMAKIT_EXTERNAL_REPORT'];
      if (out) writeFileSync(out, JSON.stringify(results, null, 2));
    });
    for (const engine of engines)
      for (const suite of suites)
        describe(`${suite.name || ROOT} on ${engine.name}`, function () {
          this.timeout(120_000);
          for (const fx of suite.cases)
            it(fx.name, async function () {
              const record = (outcome: Outcome, reason: string) => results.push({ engine: engine.name, suite: suite.name, name: fx.name, outcome, reason });
              try {
                await checkExternalCase(engine, suite, fx);
              } catch (e) {
                if (e instanceof CaseLoadError) {
                  record('not loadable', e.message);
                  this.test!.title += ` (not loadable: ${e.message.split('\n')[0]})`;
                  this.skip();
                }
                record('failed', e instanceof Error ? e.message : String(e));
                throw e;
              }
              record('converged', '');
            });
        });
  });
}
