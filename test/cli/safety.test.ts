import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { introspect } from '../../src/introspect';
import { catalogView } from '../support/catalog-view';
import { engines } from '../support/engines';
import { expectExit, useCliTarget } from './cli-target';
import { runCli } from './run-cli';
import { customersWithStrictCheck, shop, shopWith } from './schemas';
import { present } from '../support/present';

/**
 * Online plans, pre-flight refusals, lint and backup/restore through the real binary: on a temporary server
 * database (`--url`) and on the project's embedded PGlite. Each test is one scenario on a project and database
 * of its own.
 */
for (const engine of engines) {
  describe(`cli safety (${engine.name})`, function () {
    this.timeout(240_000);
    const target = useCliTarget(engine, shop, undefined, { each: true });
    const cli = (...args: string[]) => runCli([...args, ...target().urlArgs], { cwd: target().project.dir });
    const onTarget: ReturnType<typeof target>['onTarget'] = (fn) => target().onTarget(fn);

    it('plan --online shows locks and the pre-flight numbers; apply refuses; lint fails; once fixed, apply --backup and restore', async () => {
      expectExit(await cli('apply', '--yes'), 0);
      target().project.writeSchema(shopWith({ 'customers.ts': customersWithStrictCheck }));
      await onTarget((db) => db.exec(`INSERT INTO shop.customers (id, email) VALUES (1, 'ann@example.org'), (2, 'bob@example.com'), (3, 'cy@example.net')`));

      const plan = await cli('plan', '--online');
      expectExit(plan, 2);
      expect(plan.stdout).to.match(/^ {4}lock ACCESS EXCLUSIVE on shop\.customers$/m);
      expect(plan.stdout).to.match(/^ {4}lock SHARE UPDATE EXCLUSIVE on shop\.customers \(scans the table\), outside the transaction$/m);
      expect(plan.stdout).to.include('Pre-flight: 1 data problem(s); apply would refuse');
      expect(plan.stdout).to.include('CHECK email_is_example on shop.customers: 2 rows violate it');
      expect(plan.stdout).to.include('SET lock_timeout = 3000;');
      expect(plan.stdout).to.match(/ADD CONSTRAINT email_is_example CHECK .* NOT VALID;/);
      expect(plan.stdout).to.include('VALIDATE CONSTRAINT email_is_example;');

      const refused = await cli('apply', '--yes', '--online');
      expectExit(refused, 1);
      expect(refused.stderr).to.include('pre-flight checks found data the plan would fail on; nothing was applied');
      expect(refused.stderr).to.include('2 rows violate it');

      const lint = await cli('lint');
      expectExit(lint, 1);
      expect(lint.stdout).to.match(/^error +step \d+ +\[data-check\] CHECK email_is_example on shop\.customers: 2 rows violate it$/m);
      const json = JSON.parse((await cli('lint', '--online', '--json')).stdout) as { findings: { rule: string; severity: string }[] };
      expect(json.findings.map((f) => `${f.severity} ${f.rule}`)).to.include('error data-check');

      const before = await onTarget(async (db) => {
        await db.exec("DELETE FROM shop.customers WHERE email NOT LIKE '%@example.org'");
        return catalogView(await introspect(db));
      });
      const backups = join(target().project.dir, 'backups');
      const applied = await cli('apply', '--yes', '--online', '--backup', backups);
      expectExit(applied, 0);
      expect(applied.stderr).to.match(/Backed up .* to .*backups.*; undo with: schemakit restore /);
      const [file] = readdirSync(backups);
      expect(existsSync(join(backups, present(file)))).to.equal(true);
      expectExit(await cli('plan', '--online'), 0);

      const restored = await cli('restore', join(backups, present(file)), '--yes');
      expectExit(restored, 0);
      const after = await onTarget(async (db) => catalogView(await introspect(db)));
      expect(after).to.deep.equal(before);
    });

    it('lint over migration files names file:line and exits 1 on errors', async () => {
      const dir = join(target().project.dir, 'migrations', '0002_risky');
      target().project.writeSchema(
        { 'up.sql': 'ALTER TABLE shop.customers ALTER COLUMN name TYPE varchar(20);\nDROP TABLE shop.orders;\n' },
        'migrations/0002_risky',
      );
      const r = await cli('lint', 'migrations');
      expectExit(r, 1);
      expect(r.stdout).to.match(
        /^warning migrations\/0002_risky\/up\.sql:1 +\[table-rewrite\] ALTER TABLE shop\.customers ALTER COLUMN name TYPE varchar\(20\) rewrites shop\.customers/m,
      );
      if (engine.kind === 'postgres') {
        // With a database (--url), lint reads the table sizes.
        await onTarget((db) => db.exec('CREATE SCHEMA IF NOT EXISTS shop; CREATE TABLE IF NOT EXISTS shop.customers (id integer, name text)'));
        expect((await cli('lint', 'migrations')).stdout).to.match(/rewrites shop\.customers \([\d.]+ kB, /);
      }
      expect(r.stdout).to.match(/^error +migrations\/0002_risky\/up\.sql:2 +\[deletes-data\] shop\.orders: dropping the table deletes all its rows$/m);
      expect(existsSync(join(dir, 'up.sql'))).to.equal(true);
    });
  });
}
