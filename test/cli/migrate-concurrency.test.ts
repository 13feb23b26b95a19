import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempDatabase, type TempDatabase } from '../../src/db';
import { introspect } from '../../src/introspect';
import { readHistory, readProgress } from '../../src/migrate';
import { catalogView } from '../support/catalog-view';
import { engine } from '../support/engines';
import { describeRun, makeProject, runCli, pauseAt, runUntilThenKill, sessionsGone, type CliResult, type Project } from './run-cli';
import { shop } from './schemas';
import { present } from '../support/present';

const expectExit = (r: CliResult, code: number) => expect(r.code, describeRun(r)).to.equal(code);

function addMigration(project: Project, id: string, up: string, down?: string): void {
  const dir = join(project.dir, 'generated', 'migrations', id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'up.sql'), up);
  if (down !== undefined) writeFileSync(join(dir, 'down.sql'), down);
}

const BASE = ['20260101000000_base', "CREATE SCHEMA app;\nCREATE TABLE app.a (id integer PRIMARY KEY);\nCREATE TYPE app.mood AS ENUM ('ok');\n"] as const;

/**
 * Real processes against the PG15 server (PGlite is single-process: the lock is a no-op there): two runners
 * started together, and a runner SIGKILLed before each statement of a migration and before its COMMIT.
 */
const server = engine('postgres');
(server ? describe : describe.skip)('migrate with concurrent and killed runners (postgres-15)', function () {
  this.timeout(240_000);
  let project: Project;
  const temps: TempDatabase[] = [];
  const newDb = async () => {
    const t = await createTempDatabase(undefined, 'schemakit_cli');
    temps.push(t);
    return t;
  };
  beforeEach(() => {
    project = makeProject(shop, 'schemakit-migrate-race-');
    addMigration(project, ...BASE);
  });
  afterEach(async () => {
    project.remove();
    await Promise.all(temps.splice(0).map((t) => t.dispose()));
  });

  it('two `migrate up` at once: one applies, the other waits naming the holder, then finds nothing to do', async () => {
    const t = await newDb();
    addMigration(project, '20260102000000_slow', 'CREATE TABLE app.b (id integer);\nSELECT pg_sleep(3);\nINSERT INTO app.b VALUES (1);\n');
    const up = () => runCli(['migrate', 'up', '--url', t.db.url!], { cwd: project.dir, spawn: true });
    const runs = await Promise.all([up(), up()]);
    for (const r of runs) expectExit(r, 0);
    const applied = runs.filter((r) => r.stdout.includes('applied 20260102000000_slow'));
    const waited = runs.filter((r) => r.stdout.includes('No pending migrations'));
    expect(applied, runs.map(describeRun).join('\n')).to.have.length(1);
    expect(waited).to.have.length(1);
    expect(present(waited[0]).stderr).to.match(/waiting for the migration lock: held by pid \d+ \(schemakit migrate up, user \w+, client [\d.:a-f]+/);
    expect(present(waited[0]).stdout).to.match(/after waiting for pid \d+/);
    expect((await readHistory(t.db)).map((h) => h.version)).to.deep.equal(['20260101000000', '20260102000000']);
    expect(await t.db.query('SELECT id FROM app.b')).to.deep.equal([{ id: 1 }]);
  });

  it('two `apply --yes` at once: exactly one applies, the other re-plans under the lock and finds no changes', async () => {
    const t = await newDb();
    const apply = () => runCli(['apply', '--yes', '--url', t.db.url!], { cwd: project.dir, spawn: true });
    const runs = await Promise.all([apply(), apply()]);
    for (const r of runs) expectExit(r, 0);
    expect(
      runs.filter((r) => /Applied \d+ statement/.test(r.stdout)),
      runs.map(describeRun).join('\n'),
    ).to.have.length(1);
    expect(runs.filter((r) => r.stdout.includes('No changes'))).to.have.length(1);
  });

  it('a runner killed before each statement (and before COMMIT) leaves the database as before the migration, with no history row', async () => {
    const t = await newDb();
    const url = t.db.url!;
    expectExit(await runCli(['migrate', 'up', '--url', url], { cwd: project.dir }), 0);
    const before = catalogView(await introspect(t.db));
    const statements = [
      'CREATE TABLE app.k (id integer)',
      'INSERT INTO app.k VALUES (1)',
      'ALTER TABLE app.k ADD COLUMN note text',
      'CREATE INDEX k_note ON app.k (note)',
    ];
    addMigration(project, '20260103000000_kill', statements.map((s) => `${s};\n`).join('\n'));
    for (let n = 1; n <= statements.length + 1; n++) {
      const run = await runUntilThenKill(
        ['migrate', 'up', '--url', url],
        project.dir,
        pauseAt(`20260103000000:${n}`),
        /schemakit-test: paused before statement/,
      );
      expect(run.killed, run.stderr).to.equal(true);
      await sessionsGone(t.db, t.name);
      expect(catalogView(await introspect(t.db)), `killed before statement ${n}`).to.deep.equal(before);
      expect((await readHistory(t.db)).map((h) => h.version)).to.deep.equal(['20260101000000']);
    }
    expectExit(await runCli(['migrate', 'up', '--url', url], { cwd: project.dir }), 0);
    expect((await introspect(t.db)).indexes.map((i) => i.name)).to.deep.equal(['k_note']);
    expect((await readHistory(t.db)).map((h) => h.version)).to.deep.equal(['20260101000000', '20260103000000']);
  });

  it('a runner killed inside a migration with statements outside its transaction: history and progress agree, and the next run finishes it', async () => {
    addMigration(
      project,
      '20260104000000_mood',
      [
        '-- outside transaction',
        "ALTER TYPE app.mood ADD VALUE IF NOT EXISTS 'sad';",
        "CREATE TABLE app.m (m app.mood DEFAULT 'sad');",
        '-- outside transaction',
        "ALTER TYPE app.mood ADD VALUE IF NOT EXISTS 'glad';",
        "INSERT INTO app.m VALUES ('glad');",
      ].join('\n'),
    );
    let expected: unknown = null;
    for (let n = 1; n <= 5; n++) {
      const t = await newDb();
      const url = t.db.url!;
      expectExit(await runCli(['migrate', 'up', '--url', url, '--to', '20260101000000'], { cwd: project.dir }), 0);
      const run = await runUntilThenKill(
        ['migrate', 'up', '--url', url],
        project.dir,
        pauseAt(`20260104000000:${n}`),
        /schemakit-test: paused before statement/,
      );
      expect(run.killed, run.stderr).to.equal(true);
      await sessionsGone(t.db, t.name);
      // Statement 1 and 3 commit on their own, 2 and 4 each in a transaction with their progress rows, 4 with the history row.
      const committed = [1, 2, 3].filter((s) => s < n);
      expect(
        (await readProgress(t.db)).flatMap((p) => p.statements),
        `killed before statement ${n}`,
      ).to.deep.equal(committed);
      expect((await readHistory(t.db)).map((h) => h.version)).to.deep.equal(['20260101000000']);
      const status = await runCli(['migrate', 'status', '--no-drift', '--url', url], { cwd: project.dir });
      if (committed.length) expect(status.stdout).to.match(/INTERRUPTED +20260104000000_mood +migrate up stopped after statement\(s\) /);

      const again = await runCli(['migrate', 'up', '--url', url], { cwd: project.dir });
      expectExit(again, 0);
      if (committed.length) expect(again.stderr).to.include(`interrupted after statement(s) ${committed.join(', ')} committed: resuming after them`);
      expect(await readProgress(t.db)).to.deep.equal([]);
      expect((await readHistory(t.db)).map((h) => h.version)).to.deep.equal(['20260101000000', '20260104000000']);
      expect(await t.db.query('SELECT m::text FROM app.m')).to.deep.equal([{ m: 'glad' }]);
      const after = catalogView(await introspect(t.db));
      if (expected === null) expected = after;
      expect(after).to.deep.equal(expected);
    }
  });
});
