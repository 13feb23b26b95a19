import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Packages that cost hundreds of milliseconds to load and only some commands need (issue: fast start-up). */
const heavy = ['typescript', 'ts-morph', '@ts-morph/common', 'handlebars', 'mermaid', '@electric-sql/pglite', 'pg'];

const root = join(__dirname, '..', '..', '..');

/**
 * The packages under node_modules that a fresh Node process has loaded after running `script` (which may
 * `await`). A child process, because this test process has loaded all of them already.
 */
function packagesLoadedBy(script: string): string[] {
  const code = `(async () => { ${script} })().then(() => {
    const names = new Set();
    for (const k of Object.keys(require.cache)) {
      const m = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(k);
      if (m) names.add(m[1].replace(/\\\\/g, '/'));
    }
    process.stderr.write('\\n' + JSON.stringify([...names].sort()) + '\\n');
  });`;
  const run = spawnSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  expect(run.status, run.stderr).to.equal(0);
  return JSON.parse(run.stderr.trim().split('\n').pop() ?? '[]') as string[];
}

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

  it('importing the library (src/index) loads none of them', () => {
    const loaded = packagesLoadedBy(`require(${JSON.stringify(join(root, 'dist', 'src', 'index.js'))});`);
    expect(loaded.filter((p) => heavy.includes(p))).to.deep.equal([]);
  });
});
