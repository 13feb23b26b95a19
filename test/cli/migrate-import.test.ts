import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAdminUrl, dropDatabase, uniqueDatabaseName, urlForDatabase } from '../../src/db';
import { createTargetDatabase, openEnvTarget } from '../../src/pipeline';
import { engines } from '../support/engines';
import { expectExit } from './cli-target';
import { runCli } from './run-cli';
import { present } from '../support/present';

const write = (path: string, text: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
};

for (const engine of engines) {
  describe(`cli: migrate import adopts seed-style layouts and schema_migrations (${engine.name})`, function () {
    this.timeout(600_000);
    let dir = '';
    let dbName = '';
    const url = () => (engine.kind === 'postgres' ? urlForDatabase(defaultAdminUrl(), dbName) : 'pglite:.schemakit/app');
    const target = () =>
      engine.kind === 'postgres' ? { kind: 'postgres' as const, url: url() } : { kind: 'pglite' as const, dir: join(dir, '.schemakit', 'app') };
    const cli = (...args: string[]) => runCli(args, { cwd: dir, env: { APP_URL: url() }, timeoutMs: 300_000 });

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'schemakit-import-'));
      dbName = uniqueDatabaseName('schemakit_import');
      write(join(dir, 'schemakit.yaml'), 'paths:\n  migrations: mig\nenvs:\n  app:\n    url: ${APP_URL}\n');
      // Seed 004's layout: flat NNN_name.sql, rollbacks in rollback/, scripts wrapped in BEGIN/COMMIT.
      write(join(dir, 'legacy', '001_initial_schema.sql'), 'BEGIN;\nCREATE TABLE public.users (id integer PRIMARY KEY, email text NOT NULL);\nCOMMIT;\n');
      write(join(dir, 'legacy', '002_add_user_preferences.sql'), 'ALTER TABLE public.users ADD COLUMN prefs jsonb;\n');
      write(join(dir, 'legacy', 'rollback', '001_rollback_initial_schema.sql'), 'DROP TABLE public.users;\n');
      write(join(dir, 'legacy', 'rollback', '002_rollback_user_preferences.sql'), 'ALTER TABLE public.users DROP COLUMN prefs;\n');
      // Seed 000's layout: a directory per migration with several .sql files, run in name order.
      write(join(dir, 'dirs', '0001_core', '01_tables.sql'), 'CREATE TABLE public.things (id integer PRIMARY KEY);\n');
      write(join(dir, 'dirs', '0001_core', '02_indexes.sql'), 'CREATE INDEX things_id ON public.things (id);\n');
      write(join(dir, 'dirs', '0001_core', 'down.sql'), 'DROP TABLE public.things;\n');
      await createTargetDatabase(target());
      // The database the old tool migrated: 001 ran, and its history says so.
      const db = await openEnvTarget(target());
      try {
        await db.exec(
          "CREATE TABLE public.users (id integer PRIMARY KEY, email text NOT NULL); CREATE TABLE schema_migrations (version varchar PRIMARY KEY, applied_at timestamp NOT NULL DEFAULT now(), description text); INSERT INTO schema_migrations VALUES ('001_initial_schema', '2024-01-15 10:00:00', 'initial schema');",
        );
      } finally {
        await db.close();
      }
    });
    after(async () => {
      if (engine.kind === 'postgres') await dropDatabase(defaultAdminUrl(), dbName).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });

    it('flat NNN_name.sql + rollback/: written as NNNN_name/{up,down}.sql, BEGIN/COMMIT removed; the history is adopted with its applied_at', async () => {
      const r = await cli('migrate', 'import', 'legacy', '--env', 'app', '--history', '--json');
      expectExit(r, 0);
      const doc = JSON.parse(r.stdout) as {
        dir: string;
        migrations: { id: string; status: string; source: string; down: string | null; strippedTransaction: boolean }[];
        history: { from: string; version: string; status: string; appliedAt: string }[];
      };
      expect(doc.dir).to.equal('mig');
      expect(doc.migrations.map((m) => [m.id, m.status, m.source, m.down, m.strippedTransaction])).to.deep.equal([
        ['0001_initial_schema', 'written', '001_initial_schema', join('legacy', 'rollback', '001_rollback_initial_schema.sql'), true],
        ['0002_add_user_preferences', 'written', '002_add_user_preferences', join('legacy', 'rollback', '002_rollback_user_preferences.sql'), false],
      ]);
      const up1 = readFileSync(join(dir, 'mig', '0001_initial_schema', 'up.sql'), 'utf8');
      expect(up1).not.to.match(/^(BEGIN|COMMIT);$/m);
      expect(up1).to.include('CREATE TABLE public.users');
      expect(readFileSync(join(dir, 'mig', '0002_add_user_preferences', 'down.sql'), 'utf8')).to.include('DROP COLUMN prefs');
      expect(doc.history.map((h) => [h.from, h.version, h.status])).to.deep.equal([['001_initial_schema', '0001', 'recorded']]);
      expect(present(doc.history[0]).appliedAt).to.match(/^2024-01-15 10:00:00/);
      const status = await cli('migrate', 'status', '--env', 'app', '--no-drift', '--json');
      expect(JSON.parse(status.stdout)).to.include({ applied: 1, pending: 1, problems: 0 });
      const up = await cli('migrate', 'up', '--env', 'app', '--json');
      expectExit(up, 0);
      // Again: nothing new is written, nothing new recorded.
      const again = await cli('migrate', 'import', 'legacy', '--env', 'app', '--history', '--json');
      expectExit(again, 0);
      const d2 = JSON.parse(again.stdout) as { migrations: { status: string }[]; history: { status: string }[] };
      expect(d2.migrations.map((m) => m.status)).to.deep.equal(['same', 'same']);
      expect(d2.history.map((h) => h.status)).to.deep.equal(['already']);
    });

    it('a directory per migration with several .sql files becomes one up.sql in name order; conflicts and unknown files are refused, nothing written', async () => {
      const r = await cli('migrate', 'import', 'dirs', '--dir', 'mig2');
      expectExit(r, 0);
      expect(r.stdout).to.include('wrote mig2/0001_core  <- dirs/0001_core/01_tables.sql + dirs/0001_core/02_indexes.sql, down dirs/0001_core/down.sql');
      const up = readFileSync(join(dir, 'mig2', '0001_core', 'up.sql'), 'utf8');
      expect(up.indexOf('CREATE TABLE public.things')).to.be.lessThan(up.indexOf('CREATE INDEX things_id'));
      const conflict = await cli('migrate', 'import', 'dirs', '--dir', 'mig');
      expectExit(conflict, 1);
      expect(conflict.stderr).to.include('already has version(s) 0001 (0001_initial_schema) with a different up.sql; nothing written');
      write(join(dir, 'odd', 'notes.txt'), 'x');
      write(join(dir, 'odd', 'rollback', '009_x.sql'), 'x');
      const odd = await cli('migrate', 'import', 'odd', '--dir', 'mig3');
      expectExit(odd, 1);
      expect(odd.stderr).to.include('odd/notes.txt: not NNN_name.sql nor a NNN_name/ directory').and.include('odd/rollback/009_x.sql: matches no migration');
      expect(existsSync(join(dir, 'mig3'))).to.equal(false);
    });

    it('a history row matching no migration refuses the adoption, naming the version', async () => {
      const db = await openEnvTarget(target());
      try {
        await db.exec("INSERT INTO schema_migrations (version) VALUES ('007_unknown')");
      } finally {
        await db.close();
      }
      const r = await cli('migrate', 'import', 'legacy', '--env', 'app', '--history');
      expectExit(r, 1);
      expect(r.stderr).to.include('schema_migrations records version(s) 007_unknown that match no imported migration; nothing recorded');
    });
  });
}
