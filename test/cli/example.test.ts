import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { engines } from '../support/engines';
import { useCliTarget } from './cli-target';
import { describeRun, repoRoot, runCli, type CliResult } from './run-cli';

const expectExit = (r: CliResult, code: number) => expect(r.code, describeRun(r)).to.equal(code);

/**
 * The repository's example schema (two schemas, pgcrypto, enums, 15 tables) through the whole cycle on each
 * engine: plan from empty, apply --yes, plan again finds nothing. The first plan on PGlite is a cold start (a new
 * `.schemakit/pglite` directory); its time is printed for the report, never asserted.
 */
for (const engine of engines) {
  describe(`cli example schema round trip (${engine.name})`, function () {
    this.timeout(180_000);
    const target = useCliTarget(engine, {});
    before(() => {
      cpSync(join(repoRoot, 'schema'), join(target().project.dir, 'schema'), { recursive: true });
      // The example's reference data (data/genomics/*.csv) is part of what the quick start plans and applies.
      cpSync(join(repoRoot, 'data'), join(target().project.dir, 'data'), { recursive: true });
    });
    const run = (...args: string[]) => runCli([...args, ...target().urlArgs], { cwd: target().project.dir });

    it('plan, apply --yes, plan: converges', async () => {
      const plan = await run('plan');
      expectExit(plan, 2);
      if (process.env.SCHEMAKIT_CLI_TIMINGS) process.stderr.write(`      schemakit plan of the example schema (${engine.name}, cold): ${plan.ms} ms\n`);
      expect(plan.stdout).to.match(/^\+ create extension pgcrypto$/m);
      expect(plan.stdout).to.match(/^\+ create table reporting\.users$/m);
      expect(plan.stdout).to.match(/^\+ create index reporting\.idx_users_email_lower$/m);
      expect(plan.stdout).to.match(/\d+ statement\(s\): \d+ create, \d+ alter, 0 drop$/m);

      const apply = await run('apply', '--yes');
      expectExit(apply, 0);
      expect(apply.stdout).to.match(/^Applied \d+ statement\(s\) in one transaction/);

      const again = await run('plan');
      expectExit(again, 0);
      expect(again.stdout).to.include('No changes: the database matches the schema.');
      if (process.env.SCHEMAKIT_CLI_TIMINGS) process.stderr.write(`      apply ${apply.ms} ms, plan (warm, no changes) ${again.ms} ms\n`);
    });
  });
}
