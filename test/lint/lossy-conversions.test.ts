import { expect } from 'chai';
import { queryRow, type Db } from '../../src/db';
import { diffCatalogs } from '../../src/diff';
import { introspect } from '../../src/introspect';
import { applyPlan } from '../../src/apply';
import { lintScript, runPreflight } from '../../src/lint';
import { planChanges, renderDown, type Plan } from '../../src/plan';
import { SchemakitError } from '../../src/util';
import { engines } from '../support/engines';

/** Issue 10 items 2 and 3: narrowing never truncates, lossy conversions are `deletes-data` and counted. */
async function planBetween(db: Db, target: Db): Promise<Plan> {
  return planChanges(diffCatalogs(await introspect(db), await introspect(target)));
}

async function refusal(run: () => Promise<unknown>): Promise<SchemakitError> {
  try {
    await run();
  } catch (e) {
    expect(e).to.be.instanceOf(SchemakitError);
    return e as SchemakitError;
  }
  throw new Error('expected an error');
}

for (const engine of engines) {
  describe(`type changes that would lose data on ${engine.name}`, function () {
    this.timeout(120_000);
    let db: Db;
    let target: Db;
    beforeEach(async function () {
      this.timeout(240_000); // a new PGlite instance takes seconds, minutes on a loaded machine
      [db, target] = [await engine.fresh(), await engine.fresh()];
    });
    afterEach(async () => {
      await db?.close();
      await target?.close();
    });

    for (const [from, to, value] of [
      ['character varying(20)', 'character varying(5)', 'much-too-long'],
      ['text', 'character varying(5)', 'much-too-long'],
      ['character(10)', 'character(3)', 'abcdefg'],
      ['bit(8)', 'bit(4)', '10101010'],
    ] as const) {
      it(`${from} → ${to} fails on a value that does not fit instead of truncating it (apply --no-preflight)`, async () => {
        await db.exec(`CREATE TABLE public.t (id integer PRIMARY KEY, v ${from}); INSERT INTO public.t VALUES (1, '${value}')`);
        await target.exec(`CREATE TABLE public.t (id integer PRIMARY KEY, v ${to})`);
        const plan = await planBetween(db, target);
        expect(plan.steps.map((s) => s.sql).join('\n')).not.to.match(/::(character varying|character|bit|varchar)\(/);
        const e = await refusal(() => applyPlan(db, plan, { preflight: false }));
        expect(e.message).to.match(/too long|does not match|right truncation/i);
        expect((await queryRow<{ v: string }>(db, 'SELECT v::text AS v FROM public.t')).v.trim()).to.equal(value);
      });
    }

    it('the down of a varchar widening fails on a value that no longer fits instead of cutting it', async () => {
      await db.exec('CREATE TABLE public.t (id integer PRIMARY KEY, v character varying(5))');
      await target.exec('CREATE TABLE public.t (id integer PRIMARY KEY, v character varying(50))');
      const plan = await planBetween(db, target);
      await applyPlan(db, plan, { preflight: false });
      await db.exec("INSERT INTO public.t VALUES (1, 'much-too-long')");
      const down = renderDown(plan);
      expect(down).not.to.match(/::character varying\(5\)/);
      let failed = false;
      await db.exec(down).catch(() => (failed = true));
      expect(failed, down).to.equal(true);
      expect((await queryRow<{ v: string }>(db, 'SELECT v FROM public.t')).v).to.equal('much-too-long');
    });

    for (const [from, to, value, changed] of [
      ['numeric(12,2)', 'numeric(12,0)', '12.34', '12.34 → 12'],
      ['timestamp with time zone', 'date', '2024-05-01 13:45:00+00', null],
      ['double precision', 'real', '0.1', '0.1 → 0.1'],
      ['timestamp(6) without time zone', 'timestamp(0) without time zone', '2024-05-01 13:45:00.5', null],
    ] as const) {
      it(`${from} → ${to} is deletes-data: refused without --allow-hazard, and pre-flight counts the changed values`, async () => {
        await db.exec(`SET TimeZone = 'UTC'; CREATE TABLE public.t (id integer PRIMARY KEY, v ${from});
          INSERT INTO public.t VALUES (1, '${value}'), (2, NULL)`);
        await target.exec(`CREATE TABLE public.t (id integer PRIMARY KEY, v ${to})`);
        const plan = await planBetween(db, target);
        const hazards = plan.steps.flatMap((s) => s.hazards);
        expect(hazards.map((h) => h.kind)).to.include('deletes-data');
        const e = await refusal(() => applyPlan(db, plan));
        expect(e.code).to.equal('hazard-refused');
        const findings = await runPreflight(db, plan);
        const f = findings.find((x) => x.kind === 'values-change');
        expect(f, JSON.stringify(findings)).to.not.equal(undefined);
        expect(f!.count).to.equal(1);
        if (changed !== null) expect(f!.examples[0]).to.equal(changed);
        await applyPlan(db, plan, { allowHazards: ['deletes-data'] });
      });
    }

    for (const [from, to] of [
      ['integer', 'bigint'],
      ['numeric(12,2)', 'numeric(14,4)'],
      ['real', 'double precision'],
      ['date', 'timestamp with time zone'],
      ['character varying(5)', 'text'],
      ['integer', 'numeric'],
    ] as const) {
      it(`${from} → ${to} keeps every value: no deletes-data`, async () => {
        await db.exec(`CREATE TABLE public.t (id integer PRIMARY KEY, v ${from})`);
        await target.exec(`CREATE TABLE public.t (id integer PRIMARY KEY, v ${to})`);
        const plan = await planBetween(db, target);
        expect(plan.steps.flatMap((s) => s.hazards).map((h) => h.kind)).not.to.include('deletes-data');
      });
    }
  });
}

describe('lint of a migration file with a truncating cast', () => {
  it('flags USING x::varchar(n) as deletes-data (an error)', () => {
    const findings = lintScript('up.sql', "SET lock_timeout = '3s';\nALTER TABLE public.t ALTER COLUMN v TYPE varchar(5) USING v::varchar(5);\n");
    const f = findings.find((x) => x.rule === 'deletes-data');
    expect(f?.severity).to.equal('error');
    expect(f?.message).to.contain('character varying(5)'.replace('character varying', 'varchar'));
    expect(lintScript('up.sql', 'ALTER TABLE public.t ALTER COLUMN v TYPE varchar(5);').some((x) => x.rule === 'deletes-data')).to.equal(false);
  });
});
