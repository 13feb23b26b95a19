import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDocs } from '../../src/cli/docs-command';
import { runHooksInstall } from '../../src/cli/hooks-command';
import { openPglite } from '../../src/db';
import { GENERATED_MARKER, renderDocs } from '../../src/generators';
import { loadSchemaDir } from '../../src/load';
import { normalizeDeclared } from '../../src/pipeline';
import { expectGolden } from './golden';

const root = join(__dirname, '..', '..', '..');
const schema = join(root, 'schema');

describe('generators/docs: example schema and CLI', function () {
  this.timeout(120_000);
  const noColor = process.env.NO_COLOR;
  before(() => (process.env.NO_COLOR = '1'));
  after(() => (noColor === undefined ? delete process.env.NO_COLOR : (process.env.NO_COLOR = noColor)));

  it('renders the example schema (normalized on PGlite) as the golden files', async () => {
    const declared = await loadSchemaDir(schema);
    const db = await openPglite({ extensions: declared.catalog.extensions.map((e) => e.name) });
    try {
      const files = renderDocs(await normalizeDeclared(declared, db));
      expect(files.get('README.md')).to.include('erDiagram');
      expectGolden('example', files);
    } finally {
      await db.close();
    }
  });

  it('runDocs writes, --check detects stale, missing and extra files, and a rerun removes stale ones', async () => {
    const out = mkdtempSync(join(tmpdir(), 'schemakit-docs-'));
    try {
      expect((await runDocs({ schema, out })).exitCode).to.equal(0);
      expect((await runDocs({ schema, out, check: true })).exitCode).to.equal(0);
      const users = join(out, 'tables', 'reporting.users.md');
      const edited = readFileSync(users, 'utf8').replace('| 2 | `email` |', '| 2 | `e_mail` |');
      writeFileSync(users, edited);
      rmSync(join(out, 'enums', 'reporting.subscription_tier.md'));
      writeFileSync(join(out, 'tables', 'reporting.gone.md'), `${GENERATED_MARKER}\nold`);
      writeFileSync(join(out, 'NOTES.md'), 'not generated');
      const check = await runDocs({ schema, out, check: true });
      expect(check.exitCode).to.equal(1);
      expect(check.stdout).to.include('stale:   tables/reporting.users.md');
      expect(check.stdout).to.include('missing: enums/reporting.subscription_tier.md');
      expect(check.stdout).to.include('extra:   tables/reporting.gone.md');
      // Each stale file as a unified diff: a/ as it is, b/ as the schema renders it.
      expect(check.stdout).to.match(/^--- a\/tables\/reporting\.users\.md\n\+\+\+ b\/tables\/reporting\.users\.md\n@@ -\d+,7 \+\d+,7 @@\n/m);
      expect(check.stdout)
        .to.match(/^-\| 2 \| `e_mail` \| `character varying\(255\)` \| UK \|/m)
        .and.match(/^\+\| 2 \| `email` \| `character varying\(255\)` \| UK \|/m);
      expect(check.stdout).not.to.include('\x1b[');
      expect(readFileSync(users, 'utf8')).to.equal(edited);
      await runDocs({ schema, out });
      expect(existsSync(join(out, 'tables', 'reporting.gone.md'))).to.equal(false);
      expect(existsSync(join(out, 'NOTES.md'))).to.equal(true);
      expect((await runDocs({ schema, out, check: true })).exitCode).to.equal(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('hooks install writes an idempotent pre-commit block and keeps an existing hook', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'schemakit-hooks-'));
    try {
      execFileSync('git', ['init', '-q'], { cwd: repo });
      const hook = join(repo, '.git', 'hooks', 'pre-commit');
      writeFileSync(hook, '#!/bin/sh\necho mine\n');
      await runHooksInstall({ cwd: repo });
      const once = readFileSync(hook, 'utf8');
      expect(once.startsWith('#!/bin/sh\necho mine\n')).to.equal(true);
      expect(once).to.include('npx schemakit docs && git add generated/docs');
      expect((await runHooksInstall({ cwd: repo })).stdout).to.include('already installed');
      expect(readFileSync(hook, 'utf8')).to.equal(once);
      expect(JSON.parse((await runHooksInstall({ cwd: repo, json: true })).stdout)).to.deep.equal({ hook: 'pre-commit', file: hook, status: 'unchanged' });
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
