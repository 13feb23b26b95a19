import { expect } from 'chai';
import type { Db } from '../../src/db';
import { diffCatalogs } from '../../src/diff';
import { introspect } from '../../src/introspect';
import { applyPlan } from '../../src/apply';
import { runPreflight } from '../../src/lint';
import { hazardKinds, planChanges, type Plan } from '../../src/plan';
import { SchemakitError } from '../../src/util';
import { engines } from '../support/engines';

/** Reports: 20 rows that break every constraint the target schema adds, in known numbers. */
const A = `
CREATE TABLE public.templates (id integer PRIMARY KEY);
INSERT INTO public.templates SELECT g FROM generate_series(1, 5) g;
CREATE TYPE public.mood AS ENUM ('ok', 'meh', 'bad');
CREATE TABLE public.reports (
  id integer NOT NULL, template_id integer, email text, phone text, qty text, code character varying(20), score integer,
  mood public.mood, rating numeric(6,2), tag text
);
INSERT INTO public.reports
SELECT g,
       CASE WHEN g <= 8 THEN g % 5 + 1 ELSE 100 + g END,
       CASE WHEN g <= 2 THEN 'a' WHEN g <= 5 THEN 'b' WHEN g <= 7 THEN 'c' ELSE 'u' || g END,
       CASE WHEN g % 2 = 0 THEN NULL ELSE '555-' || g END,
       CASE WHEN g <= 15 THEN g::text ELSE 'x' || g END,
       CASE WHEN g <= 4 THEN 'much-too-long' ELSE 'ok' END,
       CASE WHEN g <= 2 THEN -1 ELSE g END,
       CASE WHEN g <= 3 THEN 'meh' ELSE 'ok' END::public.mood,
       CASE WHEN g <= 6 THEN 1234.5 ELSE 12.25 END,
       CASE WHEN g <= 9 THEN 'dup' ELSE 't' || g END
  FROM generate_series(1, 20) g;`;

const B = `
CREATE TABLE public.templates (id integer PRIMARY KEY);
CREATE TYPE public.mood AS ENUM ('ok', 'bad');
CREATE TABLE public.reports (
  id integer NOT NULL, template_id integer REFERENCES public.templates (id), email text UNIQUE, phone text NOT NULL, qty integer,
  code character varying(5), score integer CHECK (score >= 0), mood public.mood, rating numeric(4,2), tag text, added text NOT NULL
);
CREATE UNIQUE INDEX reports_tag_idx ON public.reports (tag) WHERE tag <> 't20';`;

const expected = [
  'FK public.reports.template_id → public.templates: 12 orphan rows',
  'UNIQUE (email) on public.reports: 3 duplicate groups',
  'SET NOT NULL public.reports.phone: 10 nulls',
  'cast text → integer on public.reports.qty: 5 values do not convert',
  'character varying(20) → character varying(5) on public.reports.code: 4 values are too long',
  'CHECK reports_score_check on public.reports: 2 rows violate it',
  "enum public.mood loses 'meh': 3 rows of public.reports.mood use it",
  'cast numeric(6,2) → numeric(4,2) on public.reports.rating: 6 values do not convert',
  'UNIQUE INDEX reports_tag_idx (tag) on public.reports: 1 duplicate group',
  'ADD COLUMN reports.added NOT NULL without a default: 20 existing rows would hold NULL',
];

for (const engine of engines) {
  describe(`pre-flight data checks on ${engine.name}`, function () {
    this.timeout(120_000);
    let db: Db;
    let target: Db;
    beforeEach(async function () {
      this.timeout(60_000);
      db = await engine.fresh();
      target = await engine.fresh();
      await db.exec(A);
      await target.exec(B);
    });
    afterEach(async () => {
      await db.close();
      await target.close();
    });

    const plan = async (online: boolean): Promise<Plan> => planChanges(diffCatalogs(await introspect(db), await introspect(target)), { online });

    for (const online of [false, true]) {
      it(`counts the rows that would make the ${online ? 'online ' : ''}plan fail, with examples`, async () => {
        const findings = await runPreflight(db, await plan(online));
        const messages = findings.map((f) => f.message);
        for (const e of expected)
          expect(
            messages.some((m) => m.startsWith(e)),
            `${e}\nin:\n${messages.join('\n')}`,
          ).to.equal(true);
        expect(findings.filter((f) => f.kind === 'not-checked')).to.deep.equal([]);
        expect(findings.find((f) => f.kind === 'orphan-rows')).to.include({ count: 12 });
        expect(findings.find((f) => f.kind === 'orphan-rows')!.examples).to.have.length(3);
        expect(messages.find((m) => m.startsWith('cast text'))).to.contain('(e.g. x16, x17, x18)');
      });
    }

    it('checks a conversion of text to an enum the same plan creates against its declared labels', async () => {
      await db.exec(`CREATE TABLE public.tickets (id integer, state text, states text[]);
        INSERT INTO public.tickets VALUES (1, 'open', '{open,closed}'), (2, 'closed', NULL), (3, NULL, '{open}')`);
      await target.exec(`CREATE TYPE public.state AS ENUM ('open', 'closed');
        CREATE TABLE public.tickets (id integer, state public.state, states public.state[])`);
      const onlyTickets = (p: Plan): Plan => ({
        steps: p.steps.filter(
          (s) => !JSON.stringify(s.change).includes('reports') && !JSON.stringify(s.change).includes('templates') && !JSON.stringify(s.change).includes('mood'),
        ),
      });
      const p = onlyTickets(await plan(false));
      expect(await runPreflight(db, p), 'valid labels: nothing found, nothing "not checked"').to.deep.equal([]);
      await db.exec(`INSERT INTO public.tickets VALUES (4, 'stale', '{open,gone}')`);
      const findings = await runPreflight(db, p);
      expect(findings.map((f) => [f.kind, f.count, f.examples])).to.deep.equal([
        ['cast-failures', 1, ['stale']],
        ['cast-failures', 1, ['gone']],
      ]);
      await db.exec('DELETE FROM public.tickets WHERE id = 4');
      await applyPlan(db, p, { allowHazards: hazardKinds });
    });

    it('apply refuses with the report before running anything, and applies once the data is fixed', async () => {
      const p = await plan(false);
      let error: unknown;
      try {
        await applyPlan(db, p, { allowHazards: hazardKinds });
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(SchemakitError);
      const e = error as SchemakitError;
      expect(e.code).to.equal('preflight-failed');
      expect(e.message).to.contain('nothing was applied');
      expect(e.message).to.contain('12 orphan rows');
      expect(e.problems).to.have.length(expected.length);
      expect((await db.query("SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'public.reports'::regclass AND contype <> 'n'"))[0]).to.deep.equal({
        n: 0,
      });

      // The new NOT NULL column without a default needs an empty table; fix the rest and keep one row to see it.
      await db.exec(`
        UPDATE public.reports SET template_id = 1, email = 'u' || id, phone = '-', qty = '0', code = 'ok', score = 0, mood = 'ok', rating = 1, tag = 't' || id;`);
      expect((await runPreflight(db, p)).map((f) => f.kind)).to.deep.equal(['rows-without-value']);
      await db.exec('DELETE FROM public.reports');
      expect(await runPreflight(db, p)).to.deep.equal([]);
      await applyPlan(db, p, { allowHazards: hazardKinds });
    });
  });
}
