import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { openPglite } from '../../src/db';
import { introspect } from '../../src/introspect';
import { expectExit } from '../cli/cli-target';
import { makeProject, repoRoot, runCli } from '../cli/run-cli';
import { shop } from '../cli/schemas';

/** `schemakit --version` / `-v`, and `--url pglite:DIR` as a target of every command (issue 19). PGlite only: it is the embedded engine's target form. */
describe('adopt: --version and --url pglite:DIR', function () {
  this.timeout(240_000);

  it('--version and -v print the version of package.json and exit 0', async () => {
    const { version } = require(join(repoRoot, 'package.json')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const r = await runCli([flag], { cwd: tmpdir() });
      expectExit(r, 0);
      expect(r.stdout.trim()).to.equal(version);
    }
  });

  it('plan, apply, migrate status, pull and docs accept --url pglite:DIR (a directory other than .schemakit/pglite)', async () => {
    const project = makeProject(shop, 'schemakit-pglite-url-');
    const dataDir = mkdtempSync(join(tmpdir(), 'schemakit-pglite-dir-'));
    try {
      const url = ['--url', `pglite:${dataDir}`];
      const cwd = project.dir;
      const plan = await runCli(['plan', ...url, '--no-preflight'], { cwd });
      expectExit(plan, 2);
      expect(plan.stderr).to.include(`embedded database ${dataDir}`);
      expectExit(await runCli(['apply', '--yes', ...url], { cwd }), 0);
      expectExit(await runCli(['plan', ...url], { cwd }), 0);
      expectExit(await runCli(['migrate', 'status', '--no-drift', ...url], { cwd }), 0);
      const pull = await runCli(['pull', '--json', '--out', join(cwd, 'pulled'), ...url], { cwd });
      expectExit(pull, 0);
      expect(JSON.parse(pull.stdout).counts.tables).to.be.greaterThan(0);
      expectExit(await runCli(['docs', '--out', join(cwd, 'docs'), ...url], { cwd }), 0);
      const db = await openPglite({ dataDir });
      try {
        expect((await introspect(db)).tables.map((t) => t.name)).to.include('orders');
      } finally {
        await db.close();
      }
    } finally {
      project.remove();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a server that cannot be reached is reported before the declarations are type-checked (here they do not even compile)', async () => {
    const project = makeProject({ 'broken.ts': "import { table } from 'schemakit';\nexport const t: number = table;\n" }, 'schemakit-conn-first-');
    try {
      // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
      for (const args of [['plan'], ['apply', '--yes'], ['migrate', 'check'], ['check'], ['health']]) {
        const r = await runCli([...args, '--url', 'postgres://root@127.0.0.1:1/nowhere'], { cwd: project.dir });
        expectExit(r, 1);
        expect(r.stderr, args.join(' '))
          .to.match(/cannot connect to 127\.0\.0\.1:1/)
          .and.not.match(/type error|TS2322/);
      }
    } finally {
      project.remove();
    }
  });
});
