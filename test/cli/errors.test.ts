import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { describeRun, makeProject, runCli, type CliResult, type Project } from './run-cli';
import { badForeignKey, shopWith, typeError } from './schemas';

const expectExit = (r: CliResult, code: number) => expect(r.code, describeRun(r)).to.equal(code);

/**
 * Declarations that cannot be planned: every problem is reported with file:line, the exit code is 1, and no
 * database is opened (declarations are loaded first, so not even the embedded one is created).
 */
describe('cli schema errors', function () {
  this.timeout(120_000);
  const projects: Project[] = [];
  after(() => projects.forEach((p) => p.remove()));

  it('a validation problem (FK to a missing column) exits 1 and names file:line', async () => {
    const project = makeProject(shopWith({ 'reviews.ts': badForeignKey }));
    projects.push(project);
    const [plan, diff] = await Promise.all([
      runCli(['plan'], { cwd: project.dir }),
      runCli(['diff', '--from', 'empty', '--to', 'schema'], { cwd: project.dir }),
    ]);
    for (const r of [plan, diff]) {
      expectExit(r, 1);
      expect(r.stdout).to.equal('');
      expect(r.stderr).to.match(/^error validate: 2 problem\(s\) in /m);
      expect(r.stderr).to.match(/^ {2}schema\/reviews\.ts:9: shop\.reviews\.reviews_author_fkey: .*no_such_column/m);
      expect(r.stderr).to.match(/^ {2}schema\/reviews\.ts:10: .*"idx_orders_customer" declared twice.*schema\/orders\.ts:\d+/m);
      expect(r.stderr.match(/reviews\.ts:9/g), 'each problem once').to.have.length(1);
    }
    expect(existsSync(join(project.dir, '.schemakit', 'pglite'))).to.equal(false);
  });

  it('a type error exits 1 and names file:line:column', async () => {
    const project = makeProject(shopWith({ 'broken.ts': typeError }));
    projects.push(project);
    const plan = await runCli(['plan'], { cwd: project.dir });
    expectExit(plan, 1);
    expect(plan.stderr).to.match(/^error load: 1 type error\(s\) in /m);
    expect(plan.stderr).to.match(/^ {2}schema\/broken\.ts:5:\d+: TS2345: Argument of type 'string' is not assignable/m);
    expect(plan.stderr.match(/TS2345/g), 'the problem once').to.have.length(1);
    expect(existsSync(join(project.dir, '.schemakit', 'pglite'))).to.equal(false);
  });
});
