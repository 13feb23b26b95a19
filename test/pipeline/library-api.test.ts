import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAdminUrl, dropDatabase, uniqueDatabaseName, urlForDatabase } from '../../src/db';
import { ensureDatabase, migrateUp, migrationStatus } from '../../src/index';
import { engines } from '../support/engines';

const write = (path: string, text: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
};

/** The start-up API of seed 003 as the package exports it: ensureDatabase({ env, autoInit }), migrateUp, migrationStatus. */
for (const engine of engines) {
  describe(`library: ensureDatabase, migrateUp, migrationStatus (${engine.name})`, function () {
    this.timeout(600_000);
    let dir = '';
    let dbName = '';
    const saved = process.env.APP_URL;

    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'schemakit-lib-'));
      dbName = uniqueDatabaseName('schemakit_lib');
      process.env.APP_URL = engine.kind === 'postgres' ? urlForDatabase(defaultAdminUrl(), dbName) : 'pglite:.schemakit/app';
      write(join(dir, 'schemakit.yaml'), 'paths:\n  schema: decl\n  migrations: mig\nenvs:\n  app:\n    url: ${APP_URL}\n');
      write(join(dir, 'mig', '0001_users', 'up.sql'), 'CREATE TABLE public.users (id integer PRIMARY KEY);\n');
      write(join(dir, 'mig', '0002_email', 'up.sql'), 'ALTER TABLE public.users ADD COLUMN email text;\n');
    });
    after(async () => {
      if (saved === undefined) delete process.env.APP_URL;
      else process.env.APP_URL = saved;
      if (engine.kind === 'postgres') await dropDatabase(defaultAdminUrl(), dbName).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });

    it('ensureDatabase without autoInit creates the missing database only; migrationStatus then shows every migration pending', async () => {
      const r = await ensureDatabase({ env: 'app', cwd: dir });
      expect(r.created).to.equal(true);
      expect(r.migrations).to.deep.equal([]);
      expect(r.target).to.include('env app');
      const s = await migrationStatus({ env: 'app', cwd: dir });
      expect([s.applied, s.pending, s.problems]).to.deep.equal([0, 2, 0]);
    });

    it('migrateUp applies up to a version; ensureDatabase with autoInit applies the rest and is then a no-op', async () => {
      const runs = await migrateUp({ env: 'app', cwd: dir, to: '0001' });
      expect(runs.map((x) => x.version)).to.deep.equal(['0001']);
      expect((await migrationStatus({ env: 'app', cwd: dir })).pending).to.equal(1);
      const r = await ensureDatabase({ env: 'app', cwd: dir, autoInit: true });
      expect(r.created).to.equal(false);
      expect(r.migrations.map((x) => x.version)).to.deep.equal(['0002']);
      const again = await ensureDatabase({ env: 'app', cwd: dir, autoInit: true });
      expect(again.migrations).to.deep.equal([]);
      const s = await migrationStatus({ env: 'app', cwd: dir });
      expect([s.applied, s.pending, s.problems]).to.deep.equal([2, 0, 0]);
      expect(s.migrations.map((m) => m.kind)).to.deep.equal(['applied', 'applied']);
    });

    it('an unknown env is an error naming it', async () => {
      let err: Error | null = null;
      try {
        await migrationStatus({ env: 'nosuch', cwd: dir });
      } catch (e) {
        err = e as Error;
      }
      expect(err?.message).to.match(/nosuch/);
    });
  });
}
