import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Declared } from '../../src/declare';
import { diffCatalogs } from '../../src/diff';
import { introspect } from '../../src/introspect';
import type { Catalog } from '../../src/model';
import { findSchemaFiles, loadSchemaDir } from '../../src/load';
import { schemakitTypes } from '../../src/load/package-root';
import { compileSchemaFiles } from '../../src/load/typecheck';
import { normalizeInto, withDeclaredOpenings } from '../../src/pipeline';
import { planChanges, renderUp } from '../../src/plan';
import { formatProblem, SchemakitError, type Problem } from '../../src/util';
import { checkConverges } from '../support/converge';
import { engines, type EngineUnderTest } from '../support/engines';
import { checkGolden } from '../support/golden';
import { readDeclaredCases, type DeclaredCase } from './declared-case';

const cases = readDeclaredCases();

/**
 * Type errors of every case, from one compiler program over all their schema files: checking each folder
 * on its own builds a program per case (~0.7 s each, most of it loading schemakit's types), one program
 * for all takes a few seconds. Problems are grouped by case folder; one without a file goes to every case.
 */
let typeErrors: Map<string, Problem[]> | undefined;
function typeErrorsOf(fx: DeclaredCase): Problem[] {
  if (!typeErrors) {
    const files = cases.flatMap((c) => (existsSync(c.schemaDir) ? findSchemaFiles(c.schemaDir) : []));
    const { problems } = compileSchemaFiles(files, schemakitTypes());
    typeErrors = new Map(cases.map((c) => [c.dir, []]));
    for (const p of problems) {
      const owners = cases.filter((c) => p.location !== undefined && resolve(p.location).startsWith(c.schemaDir + sep));
      for (const c of owners.length > 0 ? owners : cases) typeErrors.get(c.dir)!.push(p);
    }
  }
  return typeErrors.get(fx.dir) ?? [];
}

/** Each case's declarations are loaded (type checked, evaluated, validated) once and shared by the engines. */
const loaded = new Map<string, Promise<Declared>>();
function load(fx: DeclaredCase): Promise<Declared> {
  let p = loaded.get(fx.dir);
  if (!p) {
    const problems = typeErrorsOf(fx);
    p =
      problems.length > 0
        ? Promise.reject(
            new SchemakitError(
              'load',
              'type-error',
              `${problems.length} type error(s) in ${fx.schemaDir}:${problems.map((x) => `\n  ${formatProblem(x)}`).join('')}`,
              { problems },
            ),
          )
        : loadSchemaDir(fx.schemaDir, { typecheck: false });
    loaded.set(fx.dir, p);
  }
  return p;
}

/**
 * The case's declarations normalized (built and read back) in a new empty database of the engine under test:
 * normalizeDeclared's normalizeInto, into a database from the test pool instead of its scratch database,
 * which on the server is a CREATE and a DROP DATABASE (~0.4 s, most of a case; the scratch database itself
 * is tested in test/db and test/introspect).
 */
async function normalizeOn(engine: EngineUnderTest, fx: DeclaredCase, declared: Declared): Promise<Catalog> {
  const scratch = await engine.fresh({ extensions: fx.extensions });
  try {
    return await normalizeInto(declared, scratch);
  } finally {
    await scratch.close();
  }
}

/**
 * The declared-schema fixture harness: for every case and engine, a database A made by a.sql is planned
 * towards the case's declarations (schema/*.ts, normalized in a scratch database); the plan renders as
 * the golden up.sql, has the expected hazards (and change kinds), converges A to the declarations,
 * re-plans empty, and its down restores A when reversible.
 */
for (const engine of engines) {
  describe(`declared fixtures on ${engine.name}`, function () {
    this.timeout(120_000);
    for (const fx of cases) {
      const skip = fx.skip[engine.name] ?? fx.skip[engine.kind];
      (skip ? it.skip : it)(`${fx.name}${fx.description ? ` — ${fx.description}` : ''}`, async function () {
        const declared = await load(fx);
        const dbA = await engine.fresh({ extensions: fx.extensions });
        try {
          if (fx.a.trim()) await dbA.exec(fx.a);
          const catA = await introspect(dbA);
          const catB = await normalizeOn(engine, fx, declared);
          const plan = planChanges(diffCatalogs(catA, catB, declared.renames));

          checkGolden(engine.kind === 'pglite' ? join(fx.dir, 'up.pg18.sql') : null, join(fx.dir, 'up.sql'), renderUp(plan));
          if (fx.empty)
            expect(
              plan.steps.map((s) => s.sql),
              'plan is empty',
            ).to.deep.equal([]);
          const hazards = [...new Set(plan.steps.flatMap((s) => s.hazards.map((h) => h.kind)))].sort();
          expect(hazards, 'hazard kinds').to.deep.equal(fx.hazards);
          if (fx.changeKinds) {
            const kinds = [...new Set(plan.steps.map((s) => s.change.kind))].sort();
            expect(kinds, 'change kinds').to.deep.equal(fx.changeKinds);
          }
          const irreversible = plan.steps.filter((s) => s.reverse === null).map((s) => s.irreversible);
          expect(irreversible.length === 0, `reversible (irreversible steps: ${irreversible.join('; ')})`).to.equal(fx.reversible);

          await checkConverges(dbA, plan, {
            catA,
            catB,
            reversible: fx.reversible,
            adjust: (after) => withDeclaredOpenings(after, catB),
            replan: (after) => planChanges(diffCatalogs(after, catB, declared.renames)),
          });
        } finally {
          await dbA.close();
        }
      });
    }
  });
}
