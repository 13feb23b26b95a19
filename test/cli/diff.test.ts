import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { TempDatabase } from '../../src/db';
import { engine, serverDatabase } from '../support/engines';
import { describeRun, makeProject, repoRoot, runCli, runCommand, type CliResult, type Project } from './run-cli';
import { shop } from './schemas';

const expectExit = (r: CliResult, code: number) => expect(r.code, describeRun(r)).to.equal(code);

/** What `diff --json` promises: every step with its SQL, its reverse (or null) and typed hazards. */
interface PlanJson {
  readonly hazards: readonly string[];
  readonly steps: readonly { sql: string; reverse: string | null; hazards: readonly { kind: string; message: string }[]; op: string; object: string }[];
}

/**
 * `schemakit diff --from SRC --to DST` through the real binary. Declarations and `empty` are normalized in an
 * embedded PGlite (PG18) when no server is named, so the first test also checks that what PG18 deparses runs
 * on PG15 as is.
 */
describe('cli diff', function () {
  this.timeout(180_000);
  let project: Project;
  let temp: TempDatabase | null = null;
  const exampleSchema = join(repoRoot, 'schema');

  before(() => {
    project = makeProject(shop);
  });
  after(async () => {
    await temp?.dispose();
    project?.remove();
  });

  const cli = (...args: string[]) => runCli(args, { cwd: project.dir });

  (engine('postgres') ? it : it.skip)(
    'from empty to the example schema prints SQL that psql runs on a new PG15 database, which then has no differences',
    async () => {
      const diff = await cli('diff', '--from', 'empty', '--to', exampleSchema);
      expectExit(diff, 2);
      expect(diff.stdout).to.match(/^CREATE TABLE reporting\.organizations \(/m);
      expect(diff.stdout).to.include('CREATE EXTENSION pgcrypto');
      const file = join(project.dir, 'up.sql');
      writeFileSync(file, diff.stdout);

      temp = await serverDatabase(engine('postgres')!);
      const psql = await runCommand('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', file, temp.db.url!], project.dir);
      expect(psql.code, psql.output).to.equal(0);

      const again = await cli('diff', '--from', temp.db.url!, '--to', exampleSchema);
      expectExit(again, 0);
      expect(again.stdout).to.include('0 statements');
    },
  );

  (engine('postgres') ? it : it.skip)('compares privileges between two databases only with --privileges', async () => {
    const server = engine('postgres')!;
    const [a, b] = [await serverDatabase(server), await serverDatabase(server)];
    try {
      await a.db.exec('CREATE TABLE t (id int)');
      await b.db.exec('CREATE TABLE t (id int); GRANT SELECT ON t TO PUBLIC');
      const without = await cli('diff', '--from', a.db.url!, '--to', b.db.url!);
      expectExit(without, 0);
      const withPrivileges = await cli('diff', '--from', a.db.url!, '--to', b.db.url!, '--privileges');
      expectExit(withPrivileges, 2);
      expect(withPrivileges.stdout).to.include('GRANT SELECT ON TABLE public.t TO PUBLIC');
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  (engine('postgres') ? it : it.skip)('names what it cannot manage in each database after the script (a comment psql skips), and in --json', async () => {
    const [a, b] = [await serverDatabase(engine('postgres')!), await serverDatabase(engine('postgres')!)];
    try {
      await a.db.exec('CREATE TABLE kept (id int); CREATE OPERATOR ~~~ (LEFTARG = integer, RIGHTARG = integer, FUNCTION = int4eq)');
      const rebuild = await cli('diff', '--from', 'empty', '--to', a.db.url!);
      expectExit(rebuild, 2);
      expect(rebuild.stdout).to.include('-- Not managed by schemakit yet, in DST (not created by this script): 1 object(s)');
      expect(rebuild.stdout).to.include('--   operator public.~~~(integer, integer)');
      const file = join(project.dir, 'rebuild.sql');
      writeFileSync(file, rebuild.stdout);
      const psql = await runCommand('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', file, b.db.url!], project.dir);
      expect(psql.code, psql.output).to.equal(0);
      const json = JSON.parse((await cli('diff', '--from', a.db.url!, '--to', b.db.url!, '--json')).stdout) as {
        unmanaged: { from: { kind: string; name: string }[]; to: unknown[] };
      };
      expect(json.unmanaged).to.deep.equal({ from: [{ kind: 'operator', name: 'public.~~~(integer, integer)' }], to: [] });
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it('from X to X exits 0 with no statements', async () => {
    const runs = await Promise.all([
      cli('diff', '--from', 'schema', '--to', 'schema'),
      cli('diff', '--from', 'empty', '--to', 'empty'),
      ...(temp ? [cli('diff', '--from', temp.db.url!, '--to', temp.db.url!)] : []),
    ]);
    for (const r of runs) {
      expectExit(r, 0);
      expect(r.stdout).to.include('0 statements');
    }
  });

  it('--json prints steps with sql, reverse and hazards', async () => {
    const runs = await Promise.all([
      cli('diff', '--from', 'empty', '--to', 'schema', '--json'),
      // Dropping everything the server database has: every table drop carries a deletes-data hazard.
      ...(temp ? [cli('diff', '--from', temp.db.url!, '--to', 'empty', '--json')] : []),
    ]);
    const [create, drop] = runs.map((r) => {
      expectExit(r, 2);
      return JSON.parse(r.stdout) as PlanJson;
    });
    if (create === undefined) return expect.fail('no plan from diff --json');
    expect(create.steps.length).to.be.greaterThan(5);
    for (const s of create.steps) {
      expect(s.sql).to.be.a('string').and.not.equal('');
      expect(s.reverse === null || typeof s.reverse === 'string').to.equal(true);
      expect(s.hazards).to.be.an('array');
    }
    expect(create.steps.map((s) => s.object)).to.include('shop.customers');
    expect(create.steps.find((s) => s.object === 'shop.customers')?.reverse).to.match(/DROP TABLE/);
    if (drop) {
      const dropTable = drop.steps.find((s) => s.object === 'reporting.users' && /DROP TABLE/.test(s.sql));
      expect(dropTable?.hazards.map((h) => h.kind)).to.include('deletes-data');
      expect(drop.hazards).to.include('deletes-data');
    }
  });

  it('an invalid source exits 1 with a clear message', async () => {
    const [bogus, noDb, missing] = await Promise.all([
      cli('diff', '--from', 'nowhere', '--to', 'schema'),
      cli('diff', '--from', 'postgres://root@127.0.0.1:5432/schemakit_cli_no_such_db', '--to', 'schema'),
      cli('diff', '--from', 'empty'),
    ]);
    expectExit(bogus, 1);
    expect(bogus.stderr).to.include('"nowhere" is neither "empty", a postgres:// URL, pglite:DIR, nor a schema directory');
    expectExit(noDb, 1);
    expect(noDb.stderr).to.match(/cannot connect to .*schemakit_cli_no_such_db.*does not exist/);
    expectExit(missing, 1);
    expect(missing.stderr).to.include("required option '--to <dst>' not specified");
    for (const r of [bogus, noDb, missing]) expect(r.stdout).to.equal('');
  });
});
