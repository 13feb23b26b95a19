import { expect } from 'chai';
import { queryRow, type Db } from '../../src/db';
import type { Change } from '../../src/diff';
import { applyPlan, chunkByLocks, estimateLocks, lockBudget, readLockSettings } from '../../src/apply';
import { planChanges } from '../../src/plan';
import { SchemakitError } from '../../src/util';
import { col, pk, table } from '../sql/fixtures';
import { engines } from '../support/engines';

/** A plan creating `n` tables, each with a serial primary key and a text column (5 locked objects each). */
function manyTables(n: number) {
  const changes: Change[] = [];
  for (let i = 0; i < n; i++) {
    const name = `t${i}`;
    changes.push({
      kind: 'CreateTable',
      table: table('public', name, [col('id', 'serial', { notNull: true }), col('v', 'text')]),
      constraints: [pk('public', name, `${name}_pkey`, ['id'])],
    });
  }
  return planChanges(changes);
}

const tableCount = async (db: Db) => Number((await queryRow<{ n: number }>(db, "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).n);

describe('lock budget', function () {
  this.timeout(120_000);
  it('estimates table, TOAST, index and sequence locks and chunks within the budget', () => {
    const plan = manyTables(10);
    expect(estimateLocks(plan.steps)).to.equal(50);
    const chunks = chunkByLocks(plan.steps, 12);
    expect(chunks.map((c) => c.length)).to.deep.equal([2, 2, 2, 2, 2]);
    expect(lockBudget({ maxLocksPerTransaction: 64, maxConnections: 100, maxPreparedTransactions: 0 })).to.equal(5120);
  });

  for (const engine of engines) {
    describe(engine.name, function () {
      let db: Db;
      beforeEach(async function () {
        this.timeout(60_000);
        db = await engine.fresh();
      });
      afterEach(async () => {
        await db.close();
      });

      it('reads the lock settings', async () => {
        const s = await readLockSettings(db);
        expect(s.maxLocksPerTransaction).to.be.greaterThan(0);
        expect(s.maxConnections).to.be.greaterThan(0);
      });

      it('refuses a plan creating 3,000 tables before running anything', async () => {
        const plan = manyTables(3000);
        let error: unknown = null;
        try {
          await applyPlan(db, plan);
        } catch (e) {
          error = e;
        }
        expect(error).to.be.instanceOf(SchemakitError);
        expect((error as SchemakitError).code).to.equal('lock-budget');
        expect((error as SchemakitError).message)
          .to.contain('max_locks_per_transaction')
          .and.contain('--chunked');
        expect(await tableCount(db)).to.equal(0);
      });

      if (engine.kind === 'postgres') {
        it('applies the 3,000 tables in chunks that each fit the budget', async function () {
          this.timeout(600_000);
          const plan = manyTables(3000);
          const result = await applyPlan(db, plan, { chunked: true });
          expect(result.applied).to.equal(3000);
          expect(result.chunks).to.be.greaterThan(1);
          expect(await tableCount(db)).to.equal(3000);
        });
      }
    });
  }
});
