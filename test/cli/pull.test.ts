import { appendFileSync, cpSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { TempDatabase } from '../../src/db';
import { PULL_SQL } from '../generators/pull-schema';
import { engines, serverDatabase } from '../support/engines';
import { describeRun, makeProject, repoRoot, runCli, type CliResult, type Project } from './run-cli';

const expectExit = (r: CliResult, code: number) => expect(r.code, describeRun(r)).to.equal(code);

/**
 * `schemakit pull` through the real binary. On the server: pull a representative database into an empty
 * project, `plan` finds nothing to do; a pull over an edited file refuses and names it, `--force` overwrites.
 * On the embedded database: the example schema applied with `apply --yes`, pulled into another folder, and
 * that folder planned against the same database: no changes.
 */
for (const engine of engines) {
  describe(`cli pull (${engine.name})`, function () {
    this.timeout(180_000);
    let project: Project;
    let temp: TempDatabase | null = null;

    before(async () => {
      project = makeProject({});
      if (engine.kind === 'postgres') {
        temp = await serverDatabase(engine);
        await temp.db.exec(PULL_SQL);
      }
    });
    after(async () => {
      await temp?.dispose();
      project?.remove();
    });

    if (engine.kind === 'postgres') {
      it('pulls into schema/, plan finds no changes; an edited file needs --force', async () => {
        const url = ['--url', temp!.db.url!];
        const pull = await runCli(['pull', ...url], { cwd: project.dir });
        expectExit(pull, 0);
        expect(pull.stdout).to.match(/^Pulled 10 tables, 3 enums, 4 schemas and 1 extension into schema: 17 new, 0 overwritten, 0 unchanged\.$/m);

        const plan = await runCli(['plan', ...url], { cwd: project.dir });
        expectExit(plan, 0);
        expect(plan.stdout).to.include('No changes: the database matches the schema.');

        const again = await runCli(['pull', ...url], { cwd: project.dir });
        expectExit(again, 0);
        expect(again.stdout).to.include('0 new, 0 overwritten, 17 unchanged.');

        const edited = join(project.dir, 'schema', 'crm', 'accounts.ts');
        appendFileSync(edited, '// my edit\n');
        const refused = await runCli(['pull', ...url], { cwd: project.dir });
        expectExit(refused, 1);
        expect(refused.stdout).to.include('Pull would overwrite 1 file in schema');
        expect(refused.stdout).to.match(/^ {2}crm\/accounts\.ts$/m);
        // The edited file against the pulled declaration, as a unified diff (a/: the file, b/: as pulled).
        expect(refused.stdout).to.match(/^--- a\/crm\/accounts\.ts\n\+\+\+ b\/crm\/accounts\.ts\n@@ -\d+,\d+ \+\d+,\d+ @@$/m);
        expect(refused.stdout).to.match(/^-\/\/ my edit$/m);
        expect(readFileSync(edited, 'utf8')).to.include('// my edit');

        const forced = await runCli(['pull', '--force', ...url], { cwd: project.dir });
        expectExit(forced, 0);
        expect(forced.stdout).to.include('0 new, 1 overwritten, 16 unchanged.');
        expect(readFileSync(edited, 'utf8')).not.to.include('// my edit');

        const layout = await runCli(['pull', '--layout', 'schema', '--out', 'by-schema', ...url], { cwd: project.dir });
        expectExit(layout, 0);
        expect((await runCli(['plan', '--schema', 'by-schema', ...url], { cwd: project.dir })).code).to.equal(0);
      });
    } else {
      it('pulls the embedded database the example schema was applied to; plan of the pulled folder finds no changes', async () => {
        cpSync(join(repoRoot, 'schema'), join(project.dir, 'schema'), { recursive: true });
        // The example declares reference data (schema/genomics/reference-data.ts reads data/genomics/*.csv).
        cpSync(join(repoRoot, 'data'), join(project.dir, 'data'), { recursive: true });
        expectExit(await runCli(['apply', '--yes'], { cwd: project.dir }), 0);
        const pull = await runCli(['pull', '--out', 'pulled'], { cwd: project.dir });
        expectExit(pull, 0);
        expect(pull.stdout).to.match(/^Pulled 15 tables, 4 enums, 3 schemas and 1 extension into pulled: \d+ new/m);
        // pull writes the shape, not referenceData() declarations: the pulled folder is planned without data/.
        renameSync(join(project.dir, 'data'), join(project.dir, 'data-applied'));
        const plan = await runCli(['plan', '--schema', 'pulled'], { cwd: project.dir });
        expectExit(plan, 0);
        expect(plan.stdout).to.include('No changes: the database matches the schema.');
      });
    }
  });
}
