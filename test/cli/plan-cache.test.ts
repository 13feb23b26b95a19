import { expect } from 'chai';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describeRun, makeProject, runCli, type Project } from './run-cli';
import { shop, shopWith } from './schemas';

/**
 * `plan` on the embedded database answers from the cache of an earlier run when the database and the
 * declarations are unchanged (pipeline/plan-cache.ts), without starting PGlite. Every change must still be
 * seen. The embedded engine only: a server target is always planned (other sessions change it).
 */
describe('cli: plan on an unchanged embedded database is cached, and every change is seen (pglite-18 only)', function () {
  this.timeout(900_000);
  let project: Project;
  afterEach(() => project?.remove());

  const plan = async (args: string[] = []) => {
    const r = await runCli(['plan', ...args], { cwd: project.dir, timeoutMs: 280_000 });
    expect(r.code, describeRun(r)).to.be.oneOf([0, 2]);
    return r;
  };
  const cacheDir = () => join(project.dir, '.schemakit', 'cache');
  const planEntries = () => readdirSync(cacheDir()).filter((f) => f.startsWith('plan-'));

  it('same output from the cache; apply here, apply by another process and a change by another program are each seen', async () => {
    project = makeProject(shop, 'schemakit-plan-cache-');
    const fresh = await plan();
    expect(fresh.code).to.equal(2);
    expect(planEntries()).to.have.length(1);
    const again = await plan();
    expect(again.stdout).to.equal(fresh.stdout);
    expect((await plan(['--json'])).stdout).to.contain('"steps"');
    // The second run was the cached one: an entry changed by hand is what it shows.
    const [entry] = planEntries();
    const file = join(cacheDir(), entry ?? 'no plan entry');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"description":"[^"]*"/, '"description":"from the cache"'));
    expect((await plan()).stdout).to.contain('target: from the cache');

    // A write through schemakit in this process.
    const applied = await runCli(['apply', '--yes'], { cwd: project.dir });
    expect(applied.code, describeRun(applied)).to.equal(0);
    expect((await plan()).code).to.equal(0);
    expect((await plan()).code).to.equal(0);

    // A write through schemakit by another process: notes dropped there, still declared here.
    project.writeSchema(shopWith({ 'notes.ts': null }));
    const other = await runCli(['apply', '--yes', '--allow-hazard', 'deletes-data'], { cwd: project.dir, spawn: true });
    expect(other.code, describeRun(other)).to.equal(0);
    project.writeSchema(shop);
    const seen = await plan();
    expect(seen.code).to.equal(2);
    expect(seen.stdout).to.match(/CREATE TABLE "?shop"?\."?notes"?/);
    const applied2 = await runCli(['apply', '--yes'], { cwd: project.dir });
    expect(applied2.code, describeRun(applied2)).to.equal(0);
    expect((await plan()).code).to.equal(0);

    // Another program opens the data directory without schemakit (and leaves the stamp): seen too.
    const pg = await PGlite.create({ dataDir: join(project.dir, '.schemakit', 'pglite') });
    await pg.exec('CREATE TABLE shop.intruder (id integer)');
    await pg.close();
    const intruder = await plan();
    expect(intruder.code, describeRun(intruder)).to.equal(2);
    expect(intruder.stdout).to.contain('intruder');
  });

  it('an edited declaration or reference data file is planned anew', async () => {
    project = makeProject(shop, 'schemakit-plan-cache-data-');
    const applied = await runCli(['apply', '--yes'], { cwd: project.dir });
    expect(applied.code, describeRun(applied)).to.equal(0);
    expect((await plan()).code).to.equal(0);
    project.writeSchema(shopWith({ 'notes.ts': (shop['notes.ts'] ?? '').replace('body: c.text()', 'body: c.text(), title: c.text()') }));
    const edited = await plan();
    expect(edited.code, describeRun(edited)).to.equal(2);
    expect(edited.stdout).to.contain('title');
    project.writeSchema(shop);
    expect((await plan()).code).to.equal(0);
    // Reference data: a CSV file for shop.notes, then one of its rows edited.
    mkdirSync(join(project.dir, 'data', 'shop'), { recursive: true });
    writeFileSync(join(project.dir, 'data', 'shop', 'notes.csv'), 'id,body\n1,first\n');
    const withData = await plan();
    expect(withData.code, describeRun(withData)).to.equal(2);
    expect(withData.stdout).to.contain('first');
    expect((await runCli(['apply', '--yes'], { cwd: project.dir })).code).to.equal(0);
    expect((await plan()).code).to.equal(0);
    // Planning reference data takes transaction ids (rows staged in temporary tables) and changes nothing:
    // the next plan is still answered from the cache (an entry changed by hand is what it shows).
    const entries = planEntries().map((f) => join(cacheDir(), f));
    for (const f of entries) writeFileSync(f, readFileSync(f, 'utf8').replace(/"description":"[^"]*"/, '"description":"cached with data"'));
    expect((await plan()).stdout).to.contain('target: cached with data');
    writeFileSync(join(project.dir, 'data', 'shop', 'notes.csv'), 'id,body\n1,second\n');
    const rowEdited = await plan();
    expect(rowEdited.code, describeRun(rowEdited)).to.equal(2);
    expect(rowEdited.stdout).to.contain('second');
  });
});
