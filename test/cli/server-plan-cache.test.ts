import { expect } from 'chai';
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { engine, serverDatabase } from '../support/engines';
import type { TempDatabase } from '../../src/db';
import { describeRun, makeProject, runCli, type Project } from './run-cli';
import { shop, shopWith } from './schemas';

const server = engine('postgres');

/**
 * `plan --url` of a server reads the plan of an earlier run from `.schemakit/cache` when neither the target's
 * catalog (introspected on every run) nor the declarations changed (pipeline/plan-result-cache.ts). Every
 * change on either side must still be seen, and an entry of another key is never read.
 */
(server ? describe : describe.skip)('cli: plan --url of a server, cached by both catalogs (postgres-15)', function () {
  this.timeout(300_000);
  let project: Project;
  let target: TempDatabase;
  afterEach(async () => {
    project?.remove();
    await target?.dispose();
  });

  const plan = async () => {
    const r = await runCli(['plan', '--url', target.db.url!], { cwd: project.dir, timeoutMs: 120_000 });
    expect(r.code, describeRun(r)).to.be.oneOf([0, 2]);
    return r;
  };
  const entries = () => readdirSync(join(project.dir, '.schemakit', 'cache')).filter((f) => f.startsWith('server-plan-'));

  it('same plan again from the cache; a change of the database or of a declaration file is planned anew', async () => {
    target = await serverDatabase(server!);
    project = makeProject(shop, 'schemakit-server-plan-cache-');
    const fresh = await plan();
    expect(fresh.code).to.equal(2);
    expect(entries()).to.have.length(1);
    const again = await plan();
    expect(again.stdout).to.equal(fresh.stdout);
    expect(entries()).to.have.length(1);

    // The database changes: another key, a new plan.
    const applied = await runCli(['apply', '--yes', '--url', target.db.url!], { cwd: project.dir });
    expect(applied.code, describeRun(applied)).to.equal(0);
    expect((await plan()).code).to.equal(0);
    await target.db.exec('CREATE TABLE shop.intruder (id integer)');
    const intruder = await plan();
    expect(intruder.code).to.equal(2);
    expect(intruder.stdout).to.contain('intruder');
    await target.db.exec('DROP TABLE shop.intruder');
    expect((await plan()).code).to.equal(0);

    // One declaration file changes: seen by the next plan.
    project.writeSchema(shopWith({ 'notes.ts': null }));
    const edited = await plan();
    expect(edited.code).to.equal(2);
    expect(edited.stdout).to.match(/DROP TABLE "?shop"?\."?notes"?/);
  });

  it('an entry is read under its own key only: one under another key (another build, other inputs) is ignored', async () => {
    target = await serverDatabase(server!);
    project = makeProject(shop, 'schemakit-server-plan-cache-');
    const fresh = await plan();
    expect(fresh.code).to.equal(2);
    const cache = join(project.dir, '.schemakit', 'cache');
    const [entry] = entries();
    const file = join(cache, entry ?? 'no entry');
    // An empty plan under the run's own key is what the next run shows: the cache is read.
    writeFileSync(file, '{"steps":[]}');
    expect((await plan()).code).to.equal(0);
    // The same empty plan under another key only (as a build of another version left it): planned anew.
    renameSync(file, join(cache, `server-plan-${'0'.repeat(64)}.json`));
    const anew = await plan();
    expect(anew.code).to.equal(2);
    expect(anew.stdout).to.equal(fresh.stdout);
  });
});
