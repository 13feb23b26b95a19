import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createTempDatabase, type TempDatabase, queryRow } from '../../src/db';
import { repoRoot } from '../cli/run-cli';
import { engines } from '../support/engines';
import { present } from '../support/present';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
const show = (r: Run) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

/** Runs a command synchronously with colours off and DATABASE_URL unset. */
function run(cmd: string, args: readonly string[], cwd: string, timeoutMs = 240_000): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.DATABASE_URL;
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

/**
 * schemakit as a dependency (issue 19): the packed tarball (package.json `files`) is installed into an empty
 * project, whose own `schemakit` runs init and plan on the embedded engine, and, on the server, the README's
 * adoption path (plan → apply → generate init → migrate baseline → migrate up, then a change as a versioned
 * migration: generate → migrate up) on a database holding an unrelated schema, which is left untouched. Uses
 * the built dist/ (`npm pack --ignore-scripts`).
 */
describe('adopt: the packed tarball in an empty project', function () {
  this.timeout(900_000);
  let work = '';
  let app = '';
  let bin = '';
  const cli = (...args: string[]) => run(process.execPath, [bin, ...args], app);

  before(function () {
    work = mkdtempSync(join(tmpdir(), 'schemakit-pack-'));
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], repoRoot);
    expect(pack.code, show(pack)).to.equal(0);
    const tgz = join(work, present((JSON.parse(pack.stdout) as { filename: string }[])[0]).filename);
    app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }, null, 2));
    // Offline from the npm cache; when a dependency is not cached, the package is unpacked by hand and its
    // dependencies are those of this repository (what the tarball holds is still what is tested).
    const install = run('npm', ['install', '--no-audit', '--no-fund', '--offline', '--ignore-scripts', '-D', tgz], app, 300_000);
    if (install.code !== 0) {
      const dir = join(app, 'node_modules', 'schemakit');
      mkdirSync(dir, { recursive: true });
      const tar = run('tar', ['-xzf', tgz, '-C', dir, '--strip-components=1'], app);
      expect(tar.code, show(tar)).to.equal(0);
      symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    }
    bin = join(app, 'node_modules', 'schemakit', 'bin', 'schemakit.js');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('the package holds bin, dist/src and templates only (no tests, sources or benchmarks)', () => {
    const pkg = join(app, 'node_modules', 'schemakit');
    expect(
      readdirSync(pkg)
        .filter((f) => f !== 'node_modules')
        .sort(),
    ).to.deep.equal(['README.md', 'bin', 'dist', 'package.json', 'templates']);
    expect(readdirSync(join(pkg, 'dist'))).to.deep.equal(['src']);
  });

  it('init then plan run there on the embedded engine', () => {
    const init = cli('init');
    expect(init.code, show(init)).to.equal(0);
    expect(readFileSync(join(app, '.gitignore'), 'utf8'))
      .to.include('.schemakit/')
      .and.include('generated/site/');
    const plan = cli('plan', '--no-preflight');
    expect(plan.code, show(plan)).to.equal(2);
    expect(plan.stdout).to.match(/^\+ create table public\.notes$/m);
    expect(cli('--version').stdout.trim()).to.equal((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
  });

  describe('on a server database holding an unrelated schema', function () {
    let temp: TempDatabase | null = null;
    before(async function () {
      if (!engines.some((e) => e.kind === 'postgres')) this.skip();
      temp = await createTempDatabase(undefined, 'schemakit_pack');
      await temp.db.exec('CREATE SCHEMA legacy; CREATE TABLE legacy.orders (id int PRIMARY KEY); INSERT INTO legacy.orders VALUES (1), (2), (3)');
    });
    after(async () => temp?.dispose());

    it('plan → apply → generate init → migrate baseline → up → generate a change → up → status clean; legacy untouched', async () => {
      const url = ['--url', temp!.db.url!, '--exclude-schemas', 'legacy'];
      const plan = cli('plan', '--no-preflight', ...url);
      expect(plan.code, show(plan)).to.equal(2);
      expect(plan.stdout)
        .to.match(/^\+ create table public\.notes$/m)
        .and.include('Left alone: 1 schema outside the scope (legacy)')
        .and.not.match(/legacy\.orders/);
      const apply = cli('apply', '--yes', ...url);
      expect(apply.code, show(apply)).to.equal(0);
      const gen = cli('generate', 'init', ...url);
      expect(gen.code, show(gen)).to.equal(0);
      const version = present(readdirSync(join(app, 'generated', 'migrations'))[0]).split('_')[0];
      const baseline = cli('migrate', 'baseline', present(version), '--url', temp!.db.url!);
      expect(baseline.code, show(baseline)).to.equal(0);
      const upToDate = cli('migrate', 'up', '--url', temp!.db.url!);
      expect(upToDate.code, show(upToDate)).to.equal(0);
      // The next change goes through a versioned migration: edit schema/, generate, migrate up.
      const notes = join(app, 'schema', 'notes.ts');
      writeFileSync(
        notes,
        readFileSync(notes, 'utf8').replace('    body: c.text(),', '    body: c.text(),\n    pinned: c.boolean().notNull().default(sql`false`),'),
      );
      const change = cli('generate', 'add_pinned', ...url);
      expect(change.code, show(change)).to.equal(0);
      expect(change.stdout).to.match(/_add_pinned\/up\.sql/);
      const up = cli('migrate', 'up', '--url', temp!.db.url!);
      expect(up.code, show(up)).to.equal(0);
      expect(up.stderr).to.match(/applying \d+_add_pinned/);
      const status = cli('migrate', 'status', ...url);
      expect(status.code, show(status)).to.equal(0);
      expect(status.stdout).to.include('No drift').and.include('2 applied, 0 pending');
      const columns = await temp!.db.query<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'notes' ORDER BY ordinal_position",
      );
      expect(columns.map((c) => c.column_name)).to.include('pinned');
      expect((await queryRow<{ n: number }>(temp!.db, 'SELECT count(*)::int AS n FROM legacy.orders')).n).to.equal(3);
    });
  });
});
