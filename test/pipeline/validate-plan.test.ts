import { expect } from 'chai';
import { diffCatalogs } from '../../src/diff';
import { introspect } from '../../src/introspect';
import type { Declared } from '../../src/declare';
import { emptyCatalog, noRenames } from '../../src/model';
import { planValidated, validatePlan } from '../../src/pipeline';
import { planChanges, type Plan } from '../../src/plan';
import { catalogView } from '../support/catalog-view';
import { engines } from '../support/engines';
import { present } from '../support/present';

const A = `CREATE TYPE status AS ENUM ('open', 'stale', 'closed');
CREATE TABLE issues (id integer PRIMARY KEY, status status NOT NULL, CHECK (status <> 'closed' OR id > 0));
CREATE INDEX issues_open ON issues (id) WHERE status = 'open';
INSERT INTO issues VALUES (1, 'stale');`;
const B = `CREATE TYPE status AS ENUM ('open', 'closed');
CREATE TABLE issues (id integer PRIMARY KEY, status status NOT NULL, CHECK (status <> 'closed' OR id > 0));
CREATE INDEX issues_open ON issues (id) WHERE status = 'open';`;

/**
 * Validation before apply (pg-schema-diff style): the plan runs on a scratch copy of the source's schema
 * (no data), which is then compared with the target; the source database is never touched.
 */
for (const engine of engines) {
  describe(`plan validation on a scratch copy (${engine.name})`, function () {
    this.timeout(120_000);

    async function setUp() {
      const [a, b, scratch] = [await engine.fresh(), await engine.fresh(), await engine.fresh()];
      await a.exec(A);
      await b.exec(B);
      const [source, target] = [await introspect(a), await introspect(b)];
      return { a, b, scratch, source, target, plan: planChanges(diffCatalogs(source, target)) };
    }

    it('a plan that reaches the target converges there, and the source is untouched', async () => {
      const { a, b, scratch, source, target, plan } = await setUp();
      try {
        const v = await validatePlan(scratch, source, target, plan);
        expect(v.problems).to.deep.equal([]);
        expect(v.outcome).to.equal('converges');
        expect(v.durationMs).to.be.a('number');
        expect(catalogView(await introspect(a))).to.deep.equal(catalogView(source));
        expect(await a.query('SELECT id, status::text AS status FROM issues')).to.deep.equal([{ id: 1, status: 'stale' }]);
      } finally {
        for (const db of [a, b, scratch]) await db.close();
      }
    });

    it('a plan whose statement fails there is reported as failing, naming the statement', async () => {
      const { a, b, scratch, source, target, plan } = await setUp();
      try {
        const broken: Plan = { steps: [...plan.steps, { ...present(plan.steps[0]), sql: 'ALTER TABLE public.nowhere ADD COLUMN x integer', reverse: null }] };
        const v = await validatePlan(scratch, source, target, broken);
        expect(v.outcome).to.equal('fails');
        expect(v.problems.join('\n')).to.contain('public.nowhere');
      } finally {
        for (const db of [a, b, scratch]) await db.close();
      }
    });

    it('a plan that runs but lands elsewhere is reported with the difference', async () => {
      const { a, b, scratch, source, target, plan } = await setUp();
      try {
        const last = present(plan.steps[plan.steps.length - 1]);
        const v = await validatePlan(scratch, source, target, { steps: plan.steps.slice(0, -1) });
        expect(v.outcome).to.equal('diverges');
        expect(v.problems).to.have.length.greaterThan(0);
        expect(v.problems.join('\n')).to.contain(last.sql.split(' ').slice(0, 2).join(' '));
      } finally {
        for (const db of [a, b, scratch]) await db.close();
      }
    });

    it('planValidated plans and validates with declarations the command normalized already', async () => {
      const { a, b, scratch, target } = await setUp();
      try {
        // The declarations say nothing: normalized again, they would plan dropping everything.
        const declared: Declared = { catalog: emptyCatalog, renames: noRenames, locations: new Map() };
        const { plan, validation } = await planValidated(a, declared, { validate: true }, { normalized: target });
        const expected = planChanges(diffCatalogs(await introspect(a), target));
        expect(plan.steps.map((s) => s.sql)).to.deep.equal(expected.steps.map((s) => s.sql));
        expect(validation?.outcome).to.equal('converges');
      } finally {
        for (const db of [a, b, scratch]) await db.close();
      }
    });
  });
}
