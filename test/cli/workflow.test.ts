import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Db } from '../../src/db';
import { introspect } from '../../src/introspect';
import { engines } from '../support/engines';
import { catalogView } from '../support/catalog-view';
import { expectExit, useCliTarget } from './cli-target';
import { runCli } from './run-cli';
import { customersWithRequiredPhone, customersWithStrictCheck, notesRenamed, shop, shopWith, type SchemaFiles } from './schemas';
import { present } from '../support/present';

/**
 * The plan → generate → apply → plan cycle, renames, hazard refusals and a failing apply, through the real
 * binary, once against a temporary database on the PG15 server (`--url`) and once against the project's
 * embedded PGlite (no URL: `.schemakit/pglite`). Each test is one scenario on a project and database of its own:
 * it sets up the state it starts from, so it passes or fails alone (`--grep`).
 */
for (const engine of engines) {
  describe(`cli workflow (${engine.name})`, function () {
    this.timeout(180_000);
    const target = useCliTarget(engine, shop, undefined, { each: true });
    const cli = (...args: string[]) =>
      runCli([...args, ...(args[0] === 'generate' || args[0] === 'plan' || args[0] === 'apply' ? target().urlArgs : [])], { cwd: target().project.dir });
    const onTarget = <T>(fn: (db: Db) => Promise<T>) => target().onTarget(fn);
    const project = {
      writeSchema: (f: SchemaFiles) => target().project.writeSchema(f),
      get dir() {
        return target().project.dir;
      },
    };
    const snapshot = () => onTarget(async (db) => catalogView(await introspect(db)));
    const migrations = () => readdirSync(join(target().project.dir, 'generated', 'migrations')).sort();

    // generate does not depend on the engine (it writes the plan that `plan` shows), so it runs on the server only,
    // where a run costs 1-2 s rather than the 5-10 s of starting PGlite twice.
    const server = engine.kind === 'postgres';

    it('plan summarizes with + and exits 2; generate writes a migration; apply --yes; then plan and generate find nothing', async () => {
      const plan = await cli('plan');
      expectExit(plan, 2);
      expect(plan.stdout).to.match(/^\+ create schema shop$/m);
      expect(plan.stdout).to.match(/^\+ create table shop\.orders$/m);
      expect(plan.stdout).to.match(/^\+ create enum shop\.order_status$/m);
      expect(plan.stdout).to.not.match(/^~ set comment shop\.customers$/m); // part of creating it (issue 19)
      expect(plan.stdout).to.match(/statement\(s\): \d+ create, \d+ alter, 0 drop/);
      expect(plan.stdout).to.include('CREATE TABLE');

      if (server) {
        const gen = await cli('generate', 'init');
        expectExit(gen, 0);
        expect(gen.stdout).to.match(/^Wrote generated\/migrations\/\d{14}_init\/up\.sql, down\.sql and meta\.json \(\d+ statement\(s\); down\.sql tested/m);
        const [init] = migrations();
        expect(init).to.match(/^\d{14}_init$/);
        const up = readFileSync(join(project.dir, 'generated', 'migrations', present(init), 'up.sql'), 'utf8');
        const down = readFileSync(join(project.dir, 'generated', 'migrations', present(init), 'down.sql'), 'utf8');
        expect(up).to.include('CREATE TABLE shop.customers').and.include('CREATE TYPE shop.order_status');
        expect(down).to.match(/DROP TABLE shop\.customers/);
      }

      const apply = await cli('apply', '--yes');
      expectExit(apply, 0);
      expect(apply.stdout).to.match(/Applied \d+ statement\(s\) in one transaction/);
      expect(apply.stderr).to.match(/^\+ create table shop\.customers$/m);

      const again = await cli('plan');
      expectExit(again, 0);
      expect(again.stdout).to.include('No changes');
      if (server) {
        const none = await cli('generate', 'nothing');
        expectExit(none, 0);
        expect(none.stdout).to.match(/nothing to generate/i);
        expect(migrations()).to.have.length(1);
      }
    });

    it('plans a table declared with renamedFrom as a rename, not a drop and a create', async () => {
      expectExit(await cli('apply', '--yes'), 0);
      target().project.writeSchema(shopWith({ 'notes.ts': notesRenamed }));
      const plan = await cli('plan');
      expectExit(plan, 2);
      expect(plan.stdout).to.match(/^~ rename table shop\.(notes|memos)/m);
      expect(plan.stdout).not.to.match(/^[+-] (create|drop) table/m);
      expect(plan.stdout).to.match(/ALTER TABLE "?shop"?\."?notes"? RENAME TO "?memos"?/);
      expectExit(await cli('apply', '--yes'), 0);
      const tables = await onTarget(async (db) => (await introspect(db)).tables.map((t) => t.name).sort());
      expect(tables).to.deep.equal(['customers', 'memos', 'orders']);
    });

    it('apply refuses without a terminal and without --yes, refuses deletes-data unless allowed', async () => {
      // The state it starts from: the shop generated as a first migration (server), applied, then notes renamed to memos with apply.
      if (server) expectExit(await cli('generate', 'init'), 0);
      expectExit(await cli('apply', '--yes'), 0);
      target().project.writeSchema(shopWith({ 'notes.ts': notesRenamed }));
      expectExit(await cli('apply', '--yes'), 0);
      target().project.writeSchema(shopWith({ 'notes.ts': null }));
      const before = await snapshot();

      const noTty = await cli('apply');
      expectExit(noTty, 1);
      expect(noTty.stderr).to.match(/not a terminal.*--yes/);
      const refused = await cli('apply', '--yes');
      expectExit(refused, 1);
      expect(refused.stderr).to.match(/^- drop table shop\.memos$/m);
      expect(refused.stderr).to.match(/hazard deletes-data/);
      expect(refused.stderr).to.match(/deletes-data hazards; nothing was applied.*--allow-hazard deletes-data/s);
      expect(await snapshot()).to.deep.equal(before);

      if (server) {
        const plan = await cli('plan');
        expectExit(plan, 2);
        expect(plan.stdout).to.match(/^- drop table shop\.memos\n {4}hazard deletes-data: /m);
        expect(plan.stdout).to.match(/1 drop; hazards: deletes-data$/m);
        // generate starts from the state the migration files produce, not from the live database: the files
        // still have `notes` (the rename was applied with `apply`, never generated), so the migration drops notes.
        const gen = await cli('generate', 'drop_memos');
        expectExit(gen, 0);
        const [, dropMemos] = migrations();
        expect(dropMemos).to.match(/^\d{14}_drop_memos$/);
        expect(readFileSync(join(project.dir, 'generated', 'migrations', present(dropMemos), 'up.sql'), 'utf8')).to.match(/DROP TABLE "?shop"?\."?notes"?/);
      }

      const allowed = await cli('apply', '--yes', '--allow-hazard', 'deletes-data');
      expectExit(allowed, 0);
      const tables = await onTarget(async (db) => (await introspect(db)).tables.map((t) => t.name).sort());
      expect(tables).to.deep.equal(['customers', 'orders']);
    });

    it('a failing apply exits 1, names the failing statement and leaves the database as it was', async () => {
      // On the server: a NOT NULL column without a default on a table with rows; on PGlite: a violated CHECK.
      const [customers, culprit] = server ? [customersWithRequiredPhone, /ADD COLUMN "?phone"?/] : [customersWithStrictCheck, /email_is_example/];
      target().project.writeSchema(shopWith({ 'notes.ts': null }));
      expectExit(await cli('apply', '--yes'), 0); // the state it starts from: customers and orders
      target().project.writeSchema(shopWith({ 'notes.ts': null, 'customers.ts': customers }));
      const before = await onTarget(async (db) => {
        await db.exec(`INSERT INTO shop.customers (id, email) VALUES (1, 'ann@example.com'), (2, 'bob@example.org')`);
        return catalogView(await introspect(db));
      });

      // --no-preflight: the pre-flight checks would refuse before running anything (see safety.test.ts).
      const apply = await cli('apply', '--yes', '--no-preflight');
      expectExit(apply, 1);
      expect(apply.stderr).to.match(/statement \d+ of \d+ \(shop\.customers[^)]*\): /);
      expect(apply.stderr).to.match(culprit);
      expect(apply.stderr).to.include('rolled back').and.include('Nothing was applied');
      const [after, rows] = await onTarget(
        async (db) => [catalogView(await introspect(db)), await db.query<{ n: string }>('SELECT count(*)::text AS n FROM shop.customers')] as const,
      );
      expect(after).to.deep.equal(before);
      expect(present(rows[0]).n).to.equal('2');
    });
  });
}
