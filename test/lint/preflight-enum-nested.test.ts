import { expect } from 'chai';
import type { Db } from '../../src/db';
import { diffCatalogs } from '../../src/diff';
import { introspect } from '../../src/introspect';
import { applyPlan } from '../../src/apply';
import { runPreflight } from '../../src/lint';
import { hazardKinds, planChanges } from '../../src/plan';
import { engines } from '../support/engines';

/** An enum read directly, through a domain, a domain over its array, a composite type and arrays of those. */
const TYPES = (labels: string) => `
CREATE TYPE public.status AS ENUM (${labels});
CREATE DOMAIN public.state AS public.status;
CREATE DOMAIN public.states AS public.status[];
CREATE TYPE public.pair AS (s public.status, n integer);
CREATE TYPE public.wrapped AS (p public.pair, d public.state);
CREATE TABLE public.things (
  id integer PRIMARY KEY, plain public.status, via_domain public.state, via_array_domain public.states,
  via_pair public.pair, pairs public.pair[], nested public.wrapped, domains public.state[]
);`;

const ROWS = `
INSERT INTO public.things VALUES
  (1, 'a', 'a', '{a,b}', ROW('a', 1), ARRAY[ROW('b', 2)::public.pair], ROW(ROW('a', 1), 'b'), '{a}'),
  (2, 'c', 'c', '{a,c}', ROW('c', 1), ARRAY[ROW('a', 1)::public.pair, ROW('c', 2)::public.pair], ROW(ROW('c', 1), 'a'), '{c,a}'),
  (3, NULL, NULL, NULL, NULL, NULL, ROW(NULL, 'c'), NULL),
  (4, 'b', 'b', '{}', ROW(NULL, 1), '{}', NULL, '{b}');`;

/** Issue 9: pre-flight sees an enum label that goes away in columns of domains and composite types over the enum. */
for (const engine of engines) {
  describe(`pre-flight: enum labels used through domains and composite types (${engine.name})`, function () {
    this.timeout(120_000);
    let db: Db;
    let target: Db;
    beforeEach(async () => {
      db = await engine.fresh();
      target = await engine.fresh();
      await db.exec(TYPES("'a', 'b', 'c'") + ROWS);
      await target.exec(TYPES("'a', 'b'"));
    });
    afterEach(async () => {
      await db.close();
      await target.close();
    });

    it('counts the rows holding the removed label in every such column, and the plan applies once they are gone', async () => {
      const plan = planChanges(diffCatalogs(await introspect(db), await introspect(target)));
      const findings = await runPreflight(db, plan);
      const inUse = findings.filter((f) => f.kind === 'enum-value-in-use');
      expect(inUse.map((f) => f.message.replace(/ \(e\.g\..*$/, '')).sort()).to.deep.equal(
        [
          "enum public.status loses 'c': 1 row of public.things.plain uses it",
          "enum public.status loses 'c': 1 row of public.things.via_domain uses it",
          "enum public.status loses 'c': 1 row of public.things.via_array_domain uses it",
          "enum public.status loses 'c': 1 row of public.things.via_pair uses it",
          "enum public.status loses 'c': 1 row of public.things.pairs uses it",
          "enum public.status loses 'c': 2 rows of public.things.nested use it",
          "enum public.status loses 'c': 1 row of public.things.domains uses it",
        ].sort(),
      );
      expect(findings.filter((f) => f.kind === 'not-checked')).to.deep.equal([]);

      await db.exec('DELETE FROM public.things WHERE id IN (2, 3)');
      expect((await runPreflight(db, plan)).filter((f) => f.kind === 'enum-value-in-use')).to.deep.equal([]);
      await applyPlan(db, plan, { allowHazards: hazardKinds });
      expect(diffCatalogs(await introspect(db), await introspect(target))).to.deep.equal([]);
    });
  });
}
