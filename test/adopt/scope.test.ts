import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { introspect, scopeCatalog } from '../../src/introspect';
import { engines } from '../support/engines';
import { expectExit, useCliTarget } from '../cli/cli-target';
import { runCli } from '../cli/run-cli';
import { shop } from '../cli/schemas';
import { queryRow } from '../../src/db';

/**
 * Adopting schemakit on a database that holds schemas it does not manage (issue 19): with a scope
 * (`--schemas`, `--exclude-schemas`, `--exclude-tables`, or the same keys of schemakit.yaml) plan and apply
 * neither read nor drop what lies outside it. The tests of one engine run in order on one database.
 */
for (const engine of engines) {
  describe(`adopt: scope (${engine.name})`, function () {
    this.timeout(240_000);
    const target = useCliTarget(engine, shop, 'schemakit-scope-');
    const cli = (...args: string[]) => runCli([...args, ...target().urlArgs], { cwd: target().project.dir });
    const legacyRows = () => target().onTarget(async (db) => (await queryRow<{ n: number }>(db, 'SELECT count(*)::int AS n FROM legacy.things')).n);

    before(async () => {
      await target().onTarget(async (db) => {
        await db.exec(`CREATE SCHEMA legacy; CREATE TABLE legacy.things (id int PRIMARY KEY, name text);
          INSERT INTO legacy.things VALUES (1, 'kept'), (2, 'kept too');
          CREATE TABLE public.old_audit (id int PRIMARY KEY)`);
      });
    });

    it('without a scope, plan proposes to drop the unrelated schema (what the scope prevents)', async () => {
      const r = await cli('plan', '--no-preflight');
      expectExit(r, 2);
      expect(r.stdout).to.match(/^- drop table legacy\.things$/m);
    });

    it('plan --schemas shop leaves the other schemas out and says so', async () => {
      const r = await cli('plan', '--schemas', 'shop', '--no-preflight');
      expectExit(r, 2);
      expect(r.stdout).to.not.match(/legacy\.things|old_audit|DROP/);
      expect(r.stdout).to.include('2 schemas outside the scope (legacy, public)');
      expect(r.stdout).to.match(/^\+ create table shop\.orders$/m);
      const json = JSON.parse((await cli('plan', '--schemas', 'shop', '--json', '--no-preflight')).stdout);
      expect(json.outOfScope).to.deep.equal({ schemas: ['legacy', 'public'], tables: [] });
    });

    it('--exclude-schemas and --exclude-tables patterns leave those objects alone', async () => {
      const r = await cli('plan', '--exclude-schemas', 'legacy', '--exclude-tables', 'old_*', '--no-preflight');
      expectExit(r, 2);
      expect(r.stdout).to.not.match(/legacy\.things|^- drop|DROP /m);
      expect(r.stdout.split('\n').filter((l) => l.includes('old_audit'))).to.have.length(1); // only in the "Left alone" line
      expect(r.stdout).to.include('1 schema outside the scope (legacy); 1 table excluded (public.old_audit)');
    });

    it('apply with the scope of schemakit.yaml creates the managed schema and leaves the rest untouched', async () => {
      writeFileSync(join(target().project.dir, 'schemakit.yaml'), 'excludeSchemas: [legacy]\nexcludeTables: [public.old_audit]\n');
      const apply = await cli('apply', '--yes');
      expectExit(apply, 0);
      expect(apply.stderr).to.not.match(/legacy|old_audit/);
      expect(await legacyRows()).to.equal(2);
      const again = await cli('plan');
      expectExit(again, 0);
      const tables = await target().onTarget(async (db) => (await introspect(db)).tables.map((t) => `${t.schema}.${t.name}`));
      expect(tables).to.include.members(['legacy.things', 'public.old_audit', 'shop.orders']);
    });

    it("an env's schemas: key scopes the commands that use the env", async function () {
      if (!target().temp) this.skip(); // envs name a server URL here; the embedded case is covered by the top-level keys above
      writeFileSync(join(target().project.dir, 'schemakit.yaml'), `envs:\n  dev:\n    url: ${target().temp!.db.url}\n    schemas: [shop]\n`);
      const r = await runCli(['plan', '--env', 'dev'], { cwd: target().project.dir });
      expectExit(r, 0);
      expect(r.stdout).to.include('2 schemas outside the scope (legacy, public)');
    });

    it('introspect with a scope returns only what it covers; scopeCatalog keeps foreign keys of tables inside', async () => {
      await target().onTarget(async (db) => {
        const all = await introspect(db);
        const scoped = await introspect(db, { scope: { schemas: ['shop'], excludeSchemas: [], excludeTables: [] } });
        expect(scoped.schemas.map((s) => s.name)).to.deep.equal(['shop']);
        expect(scoped.tables.every((t) => t.schema === 'shop')).to.equal(true);
        expect(scoped.constraints.some((c) => c.kind === 'ForeignKey' && c.table === 'orders')).to.equal(true);
        expect(scopeCatalog(all, { schemas: null, excludeSchemas: [], excludeTables: ['shop.orders'] }).indexes.some((i) => i.table === 'orders')).to.equal(
          false,
        );
      });
    });
  });
}
