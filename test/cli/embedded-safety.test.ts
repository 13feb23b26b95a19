import { expect } from 'chai';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acquireEngineLock, engineLockPath, openPglite } from '../../src/db';
import { readHistory } from '../../src/migrate';
import { engine } from '../support/engines';
import { describeRun, makeProject, runCli, type CliResult, type Project } from './run-cli';
import { shop } from './schemas';
import { present } from '../support/present';

const expectExit = (r: CliResult, code: number) => expect(r.code, describeRun(r)).to.equal(code);

function addMigration(project: Project, id: string, up: string): void {
  const dir = join(project.dir, 'generated', 'migrations', id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'up.sql'), up);
}

/**
 * The embedded engine (.schemakit/pglite) with real processes: PGlite has no lock of its own, so two
 * processes on one data directory used to overwrite each other's work. Embedded only: a server has its own
 * locking (and schemakit's advisory migration lock, tested in migrate-concurrency.test.ts).
 */
const embedded = engine('pglite');
(embedded ? describe : describe.skip)('the embedded database with concurrent processes, and damaged directories (pglite-18)', function () {
  this.timeout(600_000);
  let project: Project;
  const dataDir = () => join(project.dir, '.schemakit', 'pglite');
  beforeEach(() => {
    project = makeProject(shop, 'schemakit-embedded-');
  });
  afterEach(() => project.remove());

  it('two `migrate up` at once: each migration runs once; the second waits for the first, naming it', async () => {
    addMigration(project, '20260101000000_base', 'CREATE SCHEMA app;\nCREATE TABLE app.a (id integer PRIMARY KEY);\n');
    addMigration(project, '20260102000000_rows', 'CREATE TABLE app.b (id integer PRIMARY KEY);\nINSERT INTO app.b SELECT g FROM generate_series(1, 1000) g;\n');
    const up = () => runCli(['migrate', 'up', '--lock-wait', '280'], { cwd: project.dir, timeoutMs: 290_000, spawn: true });
    const runs = await Promise.all([up(), up()]);
    for (const r of runs) expectExit(r, 0);
    const all = runs.map(describeRun).join('\n');
    expect(
      runs.filter((r) => r.stdout.includes('2 migration(s) applied')),
      all,
    ).to.have.length(1);
    const second = runs.filter((r) => r.stdout.includes('No pending migrations'));
    expect(second, all).to.have.length(1);
    expect(present(second[0]).stderr).to.match(/waiting for the embedded database: in use by schemakit migrate up \(pid \d+/);
    const db = await openPglite({ dataDir: dataDir(), extensions: [] });
    try {
      expect((await readHistory(db)).map((h) => h.version)).to.deep.equal(['20260101000000', '20260102000000']);
      expect(await db.query('SELECT count(*)::int AS n FROM app.b')).to.deep.equal([{ n: 1000 }]);
    } finally {
      await db.close();
    }
  });

  it('two `apply --yes` at once: one applies, the other then finds no changes, and the schema is there', async () => {
    const apply = () => runCli(['apply', '--yes', '--lock-wait', '280'], { cwd: project.dir, timeoutMs: 290_000, spawn: true });
    const runs = await Promise.all([apply(), apply()]);
    for (const r of runs) expectExit(r, 0);
    const all = runs.map(describeRun).join('\n');
    expect(
      runs.filter((r) => /Applied \d+ statement/.test(r.stdout)),
      all,
    ).to.have.length(1);
    expect(
      runs.filter((r) => r.stdout.includes('No changes')),
      all,
    ).to.have.length(1);
    expectExit(await runCli(['plan'], { cwd: project.dir }), 0);
  });

  it("a live holder: a command waits --lock-wait seconds, then refuses naming it; a dead holder's lock is taken over", async () => {
    mkdirSync(dataDir(), { recursive: true });
    const lock = await acquireEngineLock(dataDir(), { command: 'test-holder' });
    try {
      const r = await runCli(['migrate', 'status', '--no-drift', '--lock-wait', '1'], { cwd: project.dir, spawn: true });
      expectExit(r, 1);
      expect(r.stderr).to.include(`in use by test-holder (pid ${process.pid}`);
      expect(r.stderr).to.include('only one process may open it at a time');
    } finally {
      lock.release();
    }
    // A lock left by a process that was killed: its pid no longer exists.
    writeFileSync(
      engineLockPath(dataDir()),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: require('node:os').hostname(), command: 'schemakit apply', since: '2026-01-01T00:00:00.000Z' }),
    );
    const r = await runCli(['migrate', 'status', '--no-drift'], { cwd: project.dir });
    expectExit(r, 0);
    expect(readdirSync(join(project.dir, '.schemakit'))).to.not.include('pglite.lock');
  });

  it('a non-empty directory without PG_VERSION is refused, never seeded over', async () => {
    mkdirSync(dataDir(), { recursive: true });
    const db = await openPglite({ dataDir: dataDir(), extensions: [] });
    await db.exec('CREATE TABLE precious (x int); INSERT INTO precious VALUES (42)');
    await db.close();
    rmSync(join(dataDir(), 'PG_VERSION'));
    const r = await runCli(['apply', '--yes'], { cwd: project.dir });
    expectExit(r, 1);
    expect(r.stderr).to.include('is not empty but is not a PostgreSQL data directory (no PG_VERSION');
    expect(r.stderr).to.include('schemakit restore');
    // Nothing was written over it: with PG_VERSION put back, the table is still there.
    writeFileSync(join(dataDir(), 'PG_VERSION'), '18\n');
    const again = await openPglite({ dataDir: dataDir(), extensions: [] });
    try {
      expect(await again.query('SELECT x FROM precious')).to.deep.equal([{ x: 42 }]);
    } finally {
      await again.close();
    }
  });

  it('a damaged data directory says so and how to restore or recreate it (not "Aborted(). Build with -sASSERTIONS")', async () => {
    mkdirSync(dataDir(), { recursive: true });
    const db = await openPglite({ dataDir: dataDir(), extensions: [] });
    await db.close();
    const copy = join(project.dir, 'copy');
    cpSync(dataDir(), copy, { recursive: true });
    writeFileSync(join(dataDir(), 'global', 'pg_control'), Buffer.alloc(100));
    const r = await runCli(['plan'], { cwd: project.dir });
    expectExit(r, 1);
    expect(r.stderr).to.include(`the embedded database ${dataDir()} is damaged`);
    expect(r.stderr).to.include('schemakit restore FILE');
    expect(r.stderr).to.include('move the directory away');
    expect(r.stderr).to.not.include('-sASSERTIONS');
  });
});
