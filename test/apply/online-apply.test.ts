import { expect } from 'chai';
import { queryRow, connectPostgres, type Db } from '../../src/db';
import { diffCatalogs } from '../../src/diff';
import { introspect } from '../../src/introspect';
import { applyPlan } from '../../src/apply';
import { hazardKinds, planChanges, type Plan } from '../../src/plan';
import { SchemakitError } from '../../src/util';
import { engines } from '../support/engines';
import { present } from '../support/present';

const scalar = async (db: Db, sql: string) => Object.values(await queryRow(db, sql))[0];

/** The plan from `db` to the catalog of `sql` run in a fresh database of the same engine. */
async function planTo(db: Db, fresh: () => Promise<Db>, sql: string, online = true): Promise<Plan> {
  const target = await fresh();
  try {
    await target.exec(sql);
    return planChanges(diffCatalogs(await introspect(db), await introspect(target)), { online, lockTimeoutMs: 100 });
  } finally {
    await target.close();
  }
}

for (const engine of engines) {
  describe(`online apply on ${engine.name}`, function () {
    this.timeout(120_000);
    let db: Db;
    beforeEach(async function () {
      this.timeout(60_000);
      db = await engine.fresh();
    });
    afterEach(async () => {
      await db.close();
    });

    it('rebuilds an index a failed CREATE INDEX CONCURRENTLY left INVALID', async () => {
      await db.exec('CREATE TABLE public.t (x integer); INSERT INTO public.t SELECT g FROM generate_series(1, 10) g');
      // Division by zero on x = 5 makes the concurrent build fail, leaving the index invalid.
      const failed = await db.exec('CREATE INDEX CONCURRENTLY t_x_idx ON public.t ((100 / (x - 5)))').then(
        () => null,
        (e: Error) => e,
      );
      expect(failed?.message).to.contain('division by zero');
      expect(await scalar(db, "SELECT NOT indisvalid FROM pg_index WHERE indexrelid = 'public.t_x_idx'::regclass")).to.equal(true);
      expect((await introspect(db)).indexes).to.deep.equal([]);
      const plan = await planTo(db, () => engine.fresh(), 'CREATE TABLE public.t (x integer); CREATE INDEX t_x_idx ON public.t (x)');
      expect(plan.steps.map((s) => s.sql)).to.deep.equal([
        'DROP INDEX CONCURRENTLY IF EXISTS public.t_x_idx',
        'CREATE INDEX CONCURRENTLY t_x_idx ON public.t USING btree (x)',
      ]);
      await applyPlan(db, plan);
      expect(await scalar(db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.t_x_idx'::regclass")).to.equal(true);
      expect(await scalar(db, "SELECT current_setting('lock_timeout')")).to.equal('0');
    });

    it('carries each statement’s table locks, and online timeouts', async () => {
      await db.exec('CREATE TABLE public.u (id integer, email text, n text)');
      const b = 'CREATE TABLE public.u (id integer, email text NOT NULL, n integer); CREATE INDEX u_email_idx ON public.u (email)';
      const offline = await planTo(db, () => engine.fresh(), b, false);
      expect(offline.steps.map((s) => [s.sql, s.locks, s.timeouts])).to.deep.equal([
        ['ALTER TABLE public.u ALTER COLUMN email SET NOT NULL', [{ table: 'public.u', mode: 'ACCESS EXCLUSIVE', rewrite: false, scan: true }], null],
        [
          'ALTER TABLE public.u ALTER COLUMN n TYPE integer USING n::integer',
          [{ table: 'public.u', mode: 'ACCESS EXCLUSIVE', rewrite: true, scan: true }],
          null,
        ],
        ['CREATE INDEX u_email_idx ON public.u USING btree (email)', [{ table: 'public.u', mode: 'SHARE', rewrite: false, scan: true }], null],
      ]);
      const online = await planTo(db, () => engine.fresh(), b);
      expect(
        online.steps.map((s) => [s.sql, s.locks.map((l) => `${l.mode}${l.scan ? ' scan' : ''}`).join(), s.transactional, s.timeouts?.statementMs]),
      ).to.deep.equal([
        ['ALTER TABLE public.u ADD CONSTRAINT schemakit_nn_u_email CHECK (email IS NOT NULL) NOT VALID', 'ACCESS EXCLUSIVE', true, 3000],
        ['ALTER TABLE public.u ALTER COLUMN n TYPE integer USING n::integer', 'ACCESS EXCLUSIVE scan', true, 1_200_000],
        ['ALTER TABLE public.u VALIDATE CONSTRAINT schemakit_nn_u_email', 'SHARE UPDATE EXCLUSIVE scan', false, 1_200_000],
        ['ALTER TABLE public.u ALTER COLUMN email SET NOT NULL', 'ACCESS EXCLUSIVE', true, 3000],
        ['ALTER TABLE public.u DROP CONSTRAINT schemakit_nn_u_email', 'ACCESS EXCLUSIVE', true, 3000],
        ['DROP INDEX CONCURRENTLY IF EXISTS public.u_email_idx', 'SHARE UPDATE EXCLUSIVE', false, 3000],
        ['CREATE INDEX CONCURRENTLY u_email_idx ON public.u USING btree (email)', 'SHARE UPDATE EXCLUSIVE scan', false, 1_200_000],
      ]);
      await db.exec("INSERT INTO public.u VALUES (1, 'a', '1')");
      await applyPlan(db, online, { allowHazards: hazardKinds });
      expect(await introspect(db).then((c) => present(c.tables[0]).columns.map((x) => `${x.name} ${x.type}${x.notNull ? ' not null' : ''}`))).to.deep.equal([
        'id integer',
        'email text not null',
        'n integer',
      ]);
      expect(await scalar(db, "SELECT count(*)::int FROM pg_constraint WHERE conname LIKE 'schemakit_nn%'")).to.equal(0);
    });

    if (engine.kind === 'postgres') {
      /**
       * Plans adding a column to public.busy while another session holds ACCESS SHARE on it (as a long
       * SELECT would), and runs `fn` with the plan and that session; the lock is released afterwards.
       */
      async function whileBusy(fn: (plan: Plan, other: Db) => Promise<void>): Promise<void> {
        await db.exec('CREATE TABLE public.busy (id integer)');
        const plan = await planTo(db, () => engine.fresh(), 'CREATE TABLE public.busy (id integer, note text)');
        const other = await connectPostgres(db.url!);
        try {
          await other.exec('BEGIN; LOCK TABLE public.busy IN ACCESS SHARE MODE');
          await fn(plan, other);
        } finally {
          await other.exec('ROLLBACK').catch(() => undefined);
          await other.close();
        }
      }
      const columns = () => scalar(db, "SELECT count(*)::int FROM information_schema.columns WHERE table_name = 'busy'");

      it('retries a statement that hit lock_timeout while another session held the table, then succeeds', async function () {
        this.timeout(30_000);
        await whileBusy(async (plan, other) => {
          const retries: string[] = [];
          const release = setTimeout(() => void other.exec('COMMIT'), 600);
          const r = await applyPlan(db, plan, { retryDelayMs: 100, lockRetries: 6, onRetry: (n, e) => retries.push(`${n}: ${e.message.split(' (')[0]}`) });
          clearTimeout(release);
          expect(r.applied).to.equal(1);
          expect(retries.length).to.be.greaterThan(0);
          expect(retries[0]).to.match(/^1: db: canceling statement due to lock timeout/);
        });
        expect(await columns()).to.equal(2);
      });

      it('gives up after the bounded retries, naming the statement; nothing was applied', async function () {
        this.timeout(30_000);
        await whileBusy(async (plan) => {
          let retries = 0;
          const e = await applyPlan(db, plan, { retryDelayMs: 50, lockRetries: 2, onRetry: () => retries++ }).then(
            () => null,
            (x: SchemakitError) => x,
          );
          expect(retries).to.equal(2);
          expect(e?.code).to.equal('statement-failed');
          expect(e?.message).to.contain('lock timeout');
          expect(e?.message).to.contain('ALTER TABLE public.busy ADD COLUMN note text');
        });
        expect(await columns()).to.equal(1);
        expect(await scalar(db, "SELECT current_setting('lock_timeout')")).to.equal('0');
      });
    }
  });
}
