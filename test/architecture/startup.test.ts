import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join, sep } from 'node:path';
import { engine, serverDatabase } from '../support/engines';
import { makeProject } from '../cli/run-cli';
import { shop } from '../cli/schemas';

/** Packages that cost hundreds of milliseconds to load and only some commands need (issue: fast start-up). */
const heavy = ['typescript', 'ts-morph', '@ts-morph/common', 'handlebars', 'mermaid', '@electric-sql/pglite', 'pg'];

const root = join(__dirname, '..', '..', '..');

/**
 * The module files a fresh Node process has loaded after running `script` (which may `await`) in `cwd`. A
 * child process, because this test process has loaded all of them already.
 */
function modulesLoadedBy(script: string, cwd = root): string[] {
  const code = `(async () => { ${script} })().then(() => process.stderr.write('\\n' + JSON.stringify(Object.keys(require.cache)) + '\\n'));`;
  const run = spawnSync(process.execPath, ['-e', code], { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
  expect(run.status, run.stderr).to.equal(0);
  return JSON.parse(run.stderr.trim().split('\n').pop() ?? '[]') as string[];
}

/** The packages under node_modules among `modules` (`@scope/name` or `name`). */
function packagesOf(modules: readonly string[]): string[] {
  const names = new Set<string>();
  for (const k of modules) {
    const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(k);
    if (m?.[1]) names.add(m[1].replace(/\\/g, '/'));
  }
  return [...names].sort();
}

/** The packages under node_modules that a fresh Node process has loaded after running `script`. */
const packagesLoadedBy = (script: string): string[] => packagesOf(modulesLoadedBy(script));

/** The files of dist/src among `modules`, as `folder/file.js`. */
function srcModulesOf(modules: readonly string[]): string[] {
  const dist = join(root, 'dist', 'src') + sep;
  return modules
    .filter((k) => k.startsWith(dist))
    .map((k) => k.slice(dist.length).split(sep).join('/'))
    .sort();
}

/** The files of dist/src that a fresh Node process has loaded after running `script`. */
const srcModulesLoadedBy = (script: string): string[] => srcModulesOf(modulesLoadedBy(script));

/**
 * What `plan` never runs (issue 11: `plan --url` loaded migrate/ and apply/ through pipeline's barrel, ~0.1 s
 * of CPU): the other commands' modules, versioned migrations, apply, the generators, backups, fleets, health
 * and checks, and pipeline's use cases of other commands. Prefixes of dist/src paths.
 */
const notForPlan = [
  'migrate/',
  'apply/',
  'generators/',
  'backup/',
  'fleet/',
  'check/',
  'health/index.js',
  'pipeline/generate-migration.js',
  'pipeline/replay-migrations.js',
  'pipeline/check-migrations.js',
  'pipeline/migration-drift.js',
  'pipeline/ensure-database.js',
  'pipeline/validate-plan.js',
  'pipeline/docs-facts.js',
  ...['apply', 'backup', 'check', 'data', 'data-migration', 'docs', 'fleet', 'health', 'hooks', 'lifecycle', 'lint', 'migrate', 'pull', 'restore'].map(
    (c) => `cli/${c}-command.js`,
  ),
];
const unrelatedTo = (loaded: readonly string[]) => loaded.filter((m) => notForPlan.some((p) => m.startsWith(p)));

describe('architecture: start-up loads no heavy module', function () {
  this.timeout(60_000); // spawns node / reads every src file with ts-morph: seconds, more on a loaded machine
  const main = JSON.stringify(join(root, 'dist', 'src', 'cli', 'main.js'));

  it('importing the CLI entry loads none of typescript, ts-morph, handlebars, mermaid, PGlite, pg', () => {
    const loaded = packagesLoadedBy(`require(${main});`);
    expect(loaded.filter((p) => heavy.includes(p))).to.deep.equal([]);
    expect(loaded).to.include('commander'); // the probe sees packages at all
  });

  for (const args of [['--help'], ['plan', '--help'], ['migrate', 'up', '--help'], ['docs', '--help'], ['pull', '--help']]) {
    it(`\`schemakit ${args.join(' ')}\` loads none of them`, () => {
      const loaded = packagesLoadedBy(`await require(${main}).main(['node', 'schemakit', ...${JSON.stringify(args)}]);`);
      expect(loaded.filter((p) => heavy.includes(p))).to.deep.equal([]);
    });
  }

  it('the commands (diff, plan, apply…) load `yaml` only to read a schemakit.yaml', () => {
    const loaded = packagesLoadedBy(`require(${JSON.stringify(join(root, 'dist', 'src', 'cli', 'commands.js'))});`);
    expect(loaded.filter((p) => [...heavy, 'yaml'].includes(p))).to.deep.equal([]);
  });

  it('`diff` loads only what comparing two databases needs: no compiler, PGlite, yaml, CSV or text-diff module', () => {
    const loaded = packagesLoadedBy(`require(${JSON.stringify(join(root, 'dist', 'src', 'cli', 'diff-command.js'))});`);
    expect(loaded.filter((p) => [...heavy.filter((h) => h !== 'pg'), 'yaml', 'csv-parse', 'diff'].includes(p))).to.deep.equal([]);
    expect(loaded).to.include('commander'); // the probe sees packages at all
  });

  it('`schemakit --help` loads neither the planner nor the differ (plan/types only, for --allow-hazard)', () => {
    const loaded = srcModulesLoadedBy(`await require(${main}).main(['node', 'schemakit', '--help']);`);
    expect(loaded.filter((m) => /^(plan|diff|lint|pipeline|introspect)\//.test(m) && m !== 'plan/types.js')).to.deep.equal([]);
    expect(loaded).to.include('cli/main.js'); // the probe sees src modules at all
  });

  it("`plan`'s command module (cli/commands) loads no module of another command, migrate/, apply/ or the generators", () => {
    const loaded = srcModulesLoadedBy(`require(${JSON.stringify(join(root, 'dist', 'src', 'cli', 'commands.js'))});`);
    expect(unrelatedTo(loaded)).to.deep.equal([]);
    expect(loaded).to.include('pipeline/plan-target.js');
  });

  const server = engine('postgres');
  (server ? it : it.skip)('`schemakit plan --url` (changes to plan, pre-flight) loads none of them either (postgres-15)', async () => {
    const target = await serverDatabase(server!);
    const project = makeProject(shop, 'schemakit-startup-');
    try {
      const args = JSON.stringify(['node', 'schemakit', 'plan', '--url', target.db.url!]);
      // The plan has steps (an empty database): the summary, pre-flight and SQL are rendered.
      const all = modulesLoadedBy(`const code = await require(${main}).main(${args}); if (code !== 2) throw new Error('exit ' + code);`, project.dir);
      const loaded = srcModulesOf(all);
      expect(unrelatedTo(loaded)).to.deep.equal([]);
      expect(loaded).to.include.members(['cli/commands.js', 'lint/preflight.js']);
      // Neither pull's and docs' packages nor the embedded engine, and no reference data (data/*.csv) in the
      // project: no CSV parser either. The compiler is loaded: this project's first run type-checks it.
      const unrelatedPackages = ['ts-morph', '@ts-morph/common', 'handlebars', 'mermaid', '@electric-sql/pglite', 'csv-parse', 'csv-stringify', 'diff', 'yaml'];
      expect(packagesOf(all).filter((p) => unrelatedPackages.includes(p))).to.deep.equal([]);
    } finally {
      project.remove();
      await target.dispose();
    }
  });

  it('importing the library (src/index) loads none of them', () => {
    const loaded = packagesLoadedBy(`require(${JSON.stringify(join(root, 'dist', 'src', 'index.js'))});`);
    expect(loaded.filter((p) => heavy.includes(p))).to.deep.equal([]);
  });
});
