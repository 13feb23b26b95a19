import { expect } from 'chai';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../src/db';
import { introspect } from '../../src/introspect';
import { readHistory } from '../../src/migrate';
import { engines, serverDatabase } from '../support/engines';
import { catalogView } from '../support/catalog-view';
import { useCliTarget } from './cli-target';
import { describeRun, makeProject, runCli, type CliResult } from './run-cli';
import { shop, shopWith, type SchemaFiles } from './schemas';
import { present } from '../support/present';

const expectExit = (r: CliResult, code: number) => expect(r.code, describeRun(r)).to.equal(code);

/** `customers` with one more column. */
const customersWithPhone = present(shop['customers.ts']).replace('name: c.text(),', 'name: c.text(),\n    phone: c.text(),');
/** A table declared on a branch. */
const tagsTable = `import { c, table } from 'schemakit';\nimport { shop } from './shop';\n\nexport const tags = table(shop, 'tags', { columns: { id: c.integer().primaryKey() } });\n`;

/** The schema with phone and the `returned` enum value (the second migration's). */
const withPhone = (extra: SchemaFiles = {}) =>
  shopWith({ 'customers.ts': customersWithPhone, 'shop.ts': present(shop['shop.ts']).replace("'shipped']", "'shipped', 'returned']"), ...extra });
/** The declaration of the table a branch's hand-written migration adds. */
const branchTable = tagsTable.replace(/tags/g, 'branch_notes').replace('id: c.integer().primaryKey()', 'id: c.integer()');

/**
 * generate → migrate up → status → check → down through the real binary: against a temporary database on the
 * PG15 server (`--url`, replays in temporary databases there) and against the embedded PGlite (no URL).
 * Each test is one scenario on a project and database of its own (`--grep` gives its true result): the
 * migrations it starts from are copied from ones generated once for the suite (`before`) and applied with
 * `migrate up` in the test; the versions are spaced (init, then phone 10 s later) so a branch's migration fits between.
 */
for (const engine of engines) {
  describe(`cli migrate workflow (${engine.name})`, function () {
    this.timeout(240_000);
    const target = useCliTarget(engine, shop, 'schemakit-migrate-', { each: true });
    const cli = (...args: string[]) => runCli([...args, ...target().urlArgs], { cwd: target().project.dir });
    const onTarget = <T>(fn: (db: Db) => Promise<T>) => target().onTarget(fn);
    const project = {
      writeSchema: (f: SchemaFiles) => target().project.writeSchema(f),
      get dir() {
        return target().project.dir;
      },
    };
    const migrationsRoot = () => join(project.dir, 'generated', 'migrations');
    const migrations = () => readdirSync(migrationsRoot()).sort();

    /** `init` (the shop) and `phone` (withPhone()), generated once on this engine; the tests copy them. */
    const generated = { dir: '', init: '', phone: '' };
    before(async function () {
      this.timeout(240_000);
      const scratch = makeProject(shop, 'schemakit-migrate-gen-');
      const temp = engine.kind === 'postgres' ? await serverDatabase(engine) : null;
      try {
        const run = async (...args: string[]) => expectExit(await runCli([...args, ...(temp ? ['--url', temp.db.url!] : [])], { cwd: scratch.dir }), 0);
        await run('generate', 'init');
        await run('migrate', 'up');
        scratch.writeSchema(withPhone());
        await run('generate', 'phone');
        const root = join(scratch.dir, 'generated', 'migrations');
        const [init = '', phone = ''] = readdirSync(root).sort();
        generated.dir = mkdtempSync(join(tmpdir(), 'schemakit-migrate-files-'));
        generated.init = init;
        generated.phone = `${(BigInt(init.slice(0, 14)) + 10n).toString()}_phone`;
        cpSync(join(root, init), join(generated.dir, generated.init), { recursive: true });
        cpSync(join(root, phone), join(generated.dir, generated.phone), { recursive: true });
      } finally {
        await temp?.dispose();
        scratch.remove();
      }
    });
    after(() => {
      if (generated.dir) rmSync(generated.dir, { recursive: true, force: true });
    });

    /** Copies the given generated migrations into the project, with the schema they produce, and applies them. */
    const appliedUpTo = async (stage: 'init' | 'phone'): Promise<void> => {
      const names = stage === 'init' ? [generated.init] : [generated.init, generated.phone];
      mkdirSync(migrationsRoot(), { recursive: true });
      for (const name of names) cpSync(join(generated.dir, name), join(migrationsRoot(), name), { recursive: true });
      if (stage === 'phone') project.writeSchema(withPhone());
      expectExit(await cli('migrate', 'up'), 0);
    };

    /** Both generated migrations applied, plus a branch's hand-written one between them, declared too. */
    const branchApplied = async (): Promise<string> => {
      await appliedUpTo('phone');
      const branch = addBranchMigration();
      expectExit(await cli('migrate', 'up'), 0);
      project.writeSchema(withPhone({ 'branch.ts': branchTable }));
      return branch;
    };

    /** A hand-written migration merged from a branch: older than the last applied one, newer than the first. */
    const addBranchMigration = (): string => {
      const [, second = ''] = migrations();
      const branch = `${(BigInt(second.slice(0, 14)) - 1n).toString()}_from_branch`;
      mkdirSync(join(migrationsRoot(), branch));
      writeFileSync(join(migrationsRoot(), branch, 'up.sql'), 'CREATE TABLE shop.branch_notes (id integer);\n');
      writeFileSync(join(migrationsRoot(), branch, 'down.sql'), 'DROP TABLE shop.branch_notes;\n');
      return branch;
    };

    it('generate writes a timestamped migration with meta.json; migrate up applies it; status is clean; check passes', async () => {
      const gen = await cli('generate', 'init');
      expectExit(gen, 0);
      expect(gen.stdout).to.match(
        /^Wrote generated\/migrations\/\d{14}_init\/up\.sql, down\.sql and meta\.json \(\d+ statement\(s\); down\.sql tested: up then down restores the schema; down\.sql loses data \(.*shop\.customers: dropping the table deletes all its rows.*\): migrate down asks for --allow-hazard deletes-data\)\.$/m,
      );
      const [init] = migrations();
      const meta = JSON.parse(readFileSync(join(migrationsRoot(), present(init), 'meta.json'), 'utf8'));
      // Its down drops the tables: it restores the schema, not the rows written since, so it is not "reversible".
      expect(meta['down-hazards']).to.deep.equal(['deletes-data']);
      expect(meta['down-loses'].join('\n')).to.include('shop.customers: dropping the table deletes all its rows');
      expect(meta).to.include({ reversible: false, 'hashed-on': engine.kind === 'postgres' ? 'postgres 15' : 'pglite 18' });
      expect(meta['from-hash']).to.match(/^[0-9a-f]{64}$/);
      expect(meta.objects).to.include('shop.customers');

      const pending = await cli('migrate', 'status');
      expectExit(pending, 2);
      expect(pending.stdout).to.match(new RegExp(`pending +${init}`));

      const up = await cli('migrate', 'up', '--backup', join(project.dir, 'backups'));
      expectExit(up, 0);
      expect(up.stdout).to.match(new RegExp(`applied ${init} \\(\\d+ statement\\(s\\)`));
      // --backup took a dump (pg_dump -Fc, or the embedded data directory) with its sidecar before anything ran.
      expect(up.stderr).to.match(/Backed up .* to .*; undo with: schemakit restore /);
      expect(readdirSync(join(project.dir, 'backups'))).to.have.length(2);
      const status = await cli('migrate', 'status');
      expectExit(status, 0);
      expect(status.stdout)
        .to.match(new RegExp(`applied +${init} `))
        .and.include('No drift');
      expectExit(await cli('migrate', 'check'), 0);
      if (engine.kind !== 'postgres') return; // each run starts PGlite (5-10 s): the rest is engine-independent
      expect((await cli('generate', 'nothing')).stdout).to.match(/nothing to generate/);
      expect(migrations()).to.deep.equal([init]);
      // The live database and the files agree, so plan finds nothing either.
      expectExit(await cli('plan'), 0);
    });

    it('a second migration with an enum value outside the transaction; down restores the catalog and the history', async () => {
      await appliedUpTo('init');
      const before = await onTarget(async (db) => catalogView(await introspect(db)));
      project.writeSchema(withPhone());
      expectExit(await cli('generate', 'phone'), 0);
      const second = migrations()[1];
      expect(readFileSync(join(migrationsRoot(), present(second), 'up.sql'), 'utf8')).to.match(
        /-- outside transaction\nALTER TYPE shop\.order_status ADD VALUE IF NOT EXISTS 'returned'/,
      );
      expect(JSON.parse(readFileSync(join(migrationsRoot(), present(second), 'meta.json'), 'utf8'))['outside-transaction']).to.deep.equal([1]);
      expectExit(await cli('migrate', 'up'), 0);
      expect(await onTarget(async (db) => (await readHistory(db)).length)).to.equal(2);

      // Its down drops the column phone (and its data): refused, running nothing, unless allowed.
      const refused = await cli('migrate', 'down');
      expectExit(refused, 1);
      expect(refused.stderr).to.include('reverting would lose data (deletes-data); nothing was run');
      expect(refused.stderr).to.match(/down statement \d+: shop\.customers\.phone: dropping the column deletes its data/);
      expect(await onTarget(async (db) => (await readHistory(db)).length)).to.equal(2);
      const down = await cli('migrate', 'down', '--allow-hazard', 'deletes-data');
      expectExit(down, 0);
      expect(down.stdout).to.include(`reverted ${second}`);
      expect(await onTarget(async (db) => catalogView(await introspect(db)))).to.deep.equal(before);
      expect(await onTarget(async (db) => (await readHistory(db)).map((h) => `${h.version}_${h.name}`))).to.deep.equal([migrations()[0]]);
    });

    it('status and check report an applied file that was edited, and migrate up refuses to run', async () => {
      await appliedUpTo('phone');
      const file = join(migrationsRoot(), present(migrations()[1]), 'up.sql');
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, original + '\nSELECT 1;\n');
      try {
        const status = await cli('migrate', 'status', '--no-drift');
        expectExit(status, 1);
        expect(status.stdout).to.match(/EDITED +\d{14}_phone +up\.sql changed after it was applied/);
        const up = await cli('migrate', 'up');
        expectExit(up, 1);
        expect(up.stderr).to.match(/1 applied migration file\(s\) were edited after being applied; nothing was run/);
        if (engine.kind === 'postgres') {
          const check = await cli('migrate', 'check');
          expectExit(check, 1);
          expect(check.stdout).to.match(/\[edited-applied\] \d{14}_phone: .*up\.sql was edited after being applied/);
        }
      } finally {
        writeFileSync(file, original);
      }
    });

    it('status reports an edited first file and the rest of the status (drift not replayable), and up warns about a missing applied directory', async () => {
      await appliedUpTo('phone');
      const [first, second] = migrations();
      const file = join(migrationsRoot(), present(first), 'up.sql');
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, original + '\nSELECT 1;\n');
      try {
        // The drift replay skips the edited file, so replaying the next one fails: that is said, after the status.
        const status = await cli('migrate', 'status');
        expectExit(status, 1);
        expect(status.stdout)
          .to.match(new RegExp(`EDITED +${first} `))
          .and.match(new RegExp(`applied +${second} `));
        expect(status.stdout).to.include('Drift not checked: replaying the applied migrations failed');
        expect(status.stdout).to.include('1 with problems');
      } finally {
        writeFileSync(file, original);
      }
      renameSync(join(migrationsRoot(), present(second)), join(project.dir, 'aside-second'));
      try {
        const up = await cli('migrate', 'up');
        expectExit(up, 0);
        expect(up.stderr).to.include(`notice: ${second} was applied (`).and.include('but its directory is missing from the migrations directory');
      } finally {
        renameSync(join(project.dir, 'aside-second'), join(migrationsRoot(), present(second)));
      }
    });

    it('a migration merged from a branch, older than the last applied one, is applied by name with a notice; drift is shown as a diff', async () => {
      await appliedUpTo('phone');
      const [first = '', second = ''] = migrations();
      const branch = addBranchMigration();
      expect(first < branch && branch < second).to.equal(true);
      const status = await cli('migrate', 'status', '--no-drift');
      expectExit(status, 2);
      expect(status.stdout).to.match(new RegExp(`pending +${branch} +older than the last applied migration \\(merged from a branch\\)`));
      const up = await cli('migrate', 'up');
      expectExit(up, 0);
      expect(up.stderr).to.match(
        new RegExp(`notice: ${branch} is older than the last applied migration \\d{14} \\(merged from a branch\\?\\): applying it now, by name`),
      );
      expect(up.stdout).to.include(`applied ${branch}`);

      await onTarget((db) => db.exec('CREATE TABLE shop.by_hand (id integer); ALTER TABLE shop.customers DROP COLUMN name'));
      const drift = await cli('migrate', 'status');
      expectExit(drift, 1);
      expect(drift.stdout)
        .to.match(/^Drift: the database differs/m)
        .and.match(/^\+ create table shop\.by_hand$/m)
        .and.match(/^- drop column shop\.customers\.name$/m);
      // …and as a unified diff of declarations (a/: what the migrations produce, b/: the database).
      expect(drift.stdout).to.match(/^--- \/dev\/null\n\+\+\+ b\/shop\/by-hand\.ts\n@@ -0,0 \+1,\d+ @@$/m);
      expect(drift.stdout)
        .to.match(/^--- a\/shop\/customers\.ts\n\+\+\+ b\/shop\/customers\.ts\n@@ /m)
        .and.match(/^- +name: c\.text\(\),$/m);
      expect(drift.stdout).not.to.match(/reset/i);
    });

    if (engine.kind !== 'postgres') return;

    it('check fails when the files do not reproduce the schema, and when two branches generated from the same state', async () => {
      await branchApplied();
      project.writeSchema(withPhone({ 'branch.ts': branchTable, 'tags.ts': tagsTable }));
      const missing = await cli('migrate', 'check');
      expectExit(missing, 1);
      expect(missing.stdout)
        .to.match(/\[not-reproducing\] the migration files do not reproduce the declared schema/)
        .and.match(/^\+ create table shop\.tags$/m);

      // Branch A adds tags; branch B (without A's file) changes customers; then both are merged.
      expectExit(await cli('generate', 'tags'), 0);
      const tags = migrations().find((m) => m.endsWith('_tags'))!;
      renameSync(join(migrationsRoot(), tags), join(project.dir, 'aside'));
      const branchB = present(shop['customers.ts']).replace('name: c.text(),', 'name: c.text(),\n    phone: c.text(),\n    vip: c.boolean(),');
      project.writeSchema(
        shopWith({
          'customers.ts': branchB,
          'shop.ts': present(shop['shop.ts']).replace("'shipped']", "'shipped', 'returned']"),
          'branch.ts': branchTable,
        }),
      );
      expectExit(await cli('generate', 'vip'), 0);
      renameSync(join(project.dir, 'aside'), join(migrationsRoot(), tags));
      project.writeSchema(
        shopWith({
          'customers.ts': branchB,
          'shop.ts': present(shop['shop.ts']).replace("'shipped']", "'shipped', 'returned']"),
          'branch.ts': branchTable,
          'tags.ts': tagsTable,
        }),
      );
      const check = await cli('migrate', 'check');
      expectExit(check, 1);
      expect(check.stdout).to.match(
        /\[conflict\] \d{14}_vip: \d{14}_tags and \d{14}_vip were both generated from the same schema state \(two branches each added a migration\)/,
      );
      expect(check.stdout).not.to.include('not-reproducing');
    });
  });
}
