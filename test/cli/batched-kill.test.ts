import { expect } from 'chai';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempDatabase, type TempDatabase, queryRow } from '../../src/db';
import { readProgress } from '../../src/migrate';
import { engine } from '../support/engines';
import { describeRun, makeProject, runCli, pauseAt, runUntilThenKill, sessionsGone, type CliResult, type Project } from './run-cli';
import { shop } from './schemas';

const expectExit = (r: CliResult, code: number) => expect(r.code, describeRun(r)).to.equal(code);

const ROWS = 20_000;
const SIZE = 500;

/**
 * A batched data migration run by real `schemakit migrate up` processes that are SIGKILLed mid-way, on the
 * PG15 server (PGlite runs inside the process it belongs to: its interruption is in test/migrate/batched.test.ts).
 */
const server = engine('postgres');
(server ? describe : describe.skip)('batched data migration killed and resumed (postgres-15)', function () {
  this.timeout(240_000);
  let project: Project;
  let t: TempDatabase;
  beforeEach(async () => {
    project = makeProject(shop, 'schemakit-batched-kill-');
    const add = (id: string, up: string) => {
      mkdirSync(join(project.dir, 'generated', 'migrations', id), { recursive: true });
      writeFileSync(join(project.dir, 'generated', 'migrations', id, 'up.sql'), up);
    };
    add(
      '20260101000000_base',
      `CREATE SCHEMA app;
CREATE TABLE app.t (id integer PRIMARY KEY, v integer NOT NULL, touched integer NOT NULL DEFAULT 0, doubled integer);
INSERT INTO app.t (id, v) SELECT g, g FROM generate_series(1, ${ROWS}) g;
`,
    );
    add(
      '20260102000000_backfill',
      `-- outside transaction
-- schemakit:batch table=app.t key=id size=${SIZE} sleep=5ms
UPDATE app.t SET doubled = v * 2, touched = touched + 1 WHERE id BETWEEN $1 AND $2;
`,
    );
    t = await createTempDatabase(undefined, 'schemakit_cli');
  });
  afterEach(async () => {
    project.remove();
    await t.dispose();
  });

  it('killed inside a batch and again at a random point, then resumed: every row updated exactly once, no committed batch redone', async () => {
    const url = t.db.url!;
    expectExit(await runCli(['migrate', 'up', '--url', url, '--to', '20260101000000'], { cwd: project.dir }), 0);

    // 1. Paused inside batch 15 (its UPDATE ran, not committed): status sees it running, then the process is killed.
    let whileRunning: CliResult | null = null;
    const first = await runUntilThenKill(
      ['migrate', 'up', '--url', url],
      project.dir,
      pauseAt('20260102000000:batch:15'),
      /schemakit-test: paused in batch 15/,
      async () => {
        whileRunning = await runCli(['migrate', 'status', '--url', url, '--no-drift', '--json'], { cwd: project.dir });
      },
    );
    expect(first.killed, first.stderr).to.equal(true);
    const running = JSON.parse(whileRunning!.stdout) as { migrations: { state: string; batched: { batches: number }[] }[] };
    expect(running.migrations[1]).to.deep.include({
      state: 'running',
      batched: [{ statement: 1, batches: 14, rows: 14 * SIZE, keys: 14 * SIZE, lastKey: String(14 * SIZE) }],
    });
    await sessionsGone(t.db, t.name);

    const status = await runCli(['migrate', 'status', '--url', url, '--no-drift'], { cwd: project.dir });
    expectExit(status, 1);
    expect(status.stdout).to.contain(
      `INTERRUPTED 20260102000000_backfill  migrate up stopped after statement 1 batched: 14 batch(es), ${14 * SIZE} row(s) changed, up to key ${14 * SIZE}:`,
    );
    const counts = async () => t.db.query<{ touched: number; n: number }>('SELECT touched, count(*)::int AS n FROM app.t GROUP BY touched ORDER BY touched');
    expect(await counts()).to.deep.equal([
      { touched: 0, n: ROWS - 14 * SIZE },
      { touched: 1, n: 14 * SIZE },
    ]);

    // 2. Resumed, then killed wherever it is once it has committed 10 more batches (mid-batch or between two).
    const batchesDone = async () => (await readProgress(t.db))[0]?.batches[0]?.batches ?? 0;
    const second = await runUntilThenKill(['migrate', 'up', '--url', url], project.dir, {}, async () => (await batchesDone()) >= 24);
    expect(second.killed, second.stderr).to.equal(true);
    await sessionsGone(t.db, t.name);
    const done = await batchesDone();
    expect(done).to.be.within(24, ROWS / SIZE - 1);
    expect(await counts()).to.deep.equal([
      { touched: 0, n: ROWS - done * SIZE },
      { touched: 1, n: done * SIZE },
    ]);

    // 3. Finished: each row exactly once, the totals count every batch once, no progress left, quiet off a terminal.
    const last = await runCli(['migrate', 'up', '--url', url], { cwd: project.dir });
    expectExit(last, 0);
    expect(last.stdout).to.contain(`applied 20260102000000_backfill (1 statement(s), ${ROWS} row(s) in ${ROWS / SIZE} batch(es)`);
    expect(last.stderr).to.match(/notice: 20260102000000_backfill was interrupted after statement 1 batched/);
    expect(last.stderr).not.to.match(/keys\/s|ETA/);
    expect(await counts()).to.deep.equal([{ touched: 1, n: ROWS }]);
    const wrong = await queryRow<{ n: number }>(t.db, 'SELECT count(*)::int AS n FROM app.t WHERE doubled IS DISTINCT FROM v * 2');
    expect(wrong.n).to.equal(0);
    expect(await readProgress(t.db)).to.deep.equal([]);
  });
});

describe('generate NAME --data', function () {
  this.timeout(60_000);
  it('writes the batched template (up.sql, down.sql, no meta.json) without loading the schema; data flags need --data', async () => {
    const project = makeProject(shop, 'schemakit-gen-data-');
    try {
      const r = await runCli(['generate', 'backfill', '--data', '--table', 'app.t', '--key', 'id', '--batch-size', '250', '--sleep', '1s', '--json'], {
        cwd: project.dir,
      });
      expectExit(r, 0);
      const written = (JSON.parse(r.stdout) as { written: string }).written;
      expect(written).to.match(/^generated\/migrations\/\d{14}_backfill$/);
      expect(readdirSync(join(project.dir, written)).sort()).to.deep.equal(['down.sql', 'up.sql']);
      const up = readFileSync(join(project.dir, written, 'up.sql'), 'utf8');
      expect(up).to.contain('-- outside transaction\n-- schemakit:batch table=app.t key=id size=250 sleep=1000ms\nUPDATE app.t\n');
      expect(up).to.contain('WHERE id BETWEEN $1 AND $2');
      const bad = await runCli(['generate', 'x', '--batch-size', '5'], { cwd: project.dir });
      expectExit(bad, 1);
      expect(bad.stderr).to.contain('--batch-size goes with --data');
    } finally {
      project.remove();
    }
  });
});
