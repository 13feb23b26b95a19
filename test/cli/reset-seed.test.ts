import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAdminUrl, dropDatabase, uniqueDatabaseName, urlForDatabase, queryRow } from '../../src/db';
import { openEnvTarget } from '../../src/pipeline';
import { engines } from '../support/engines';
import { expectExit } from './cli-target';
import { runCli } from './run-cli';

const write = (path: string, text: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
};

for (const engine of engines) {
  describe(`cli: db reset loads reference data and the env's seed; health thresholds from schemakit.yaml (${engine.name})`, function () {
    this.timeout(600_000);
    let dir = '';
    let dbName = '';
    const url = () => (engine.kind === 'postgres' ? urlForDatabase(defaultAdminUrl(), dbName) : 'pglite:.schemakit/app');
    const target = () =>
      engine.kind === 'postgres' ? { kind: 'postgres' as const, url: url() } : { kind: 'pglite' as const, dir: join(dir, '.schemakit', 'app') };
    const cli = (...args: string[]) => runCli(args, { cwd: dir, env: { APP_URL: url() }, timeoutMs: 300_000 });
    const count = async (table: string) => {
      const db = await openEnvTarget(target());
      try {
        return Number((await queryRow<{ n: string }>(db, `SELECT count(*)::text AS n FROM ${table}`)).n);
      } finally {
        await db.close();
      }
    };
    const yaml = (extra: string[] = []) =>
      write(
        join(dir, 'schemakit.yaml'),
        [
          'paths:',
          '  schema: decl',
          '  migrations: mig',
          'envs:',
          '  app:',
          '    url: ${APP_URL}',
          '    seed: demo',
          '  other:',
          '    url: ${APP_URL}',
          '    seed: nosuch',
          ...extra,
          '',
        ].join('\n'),
      );

    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'schemakit-reset-seed-'));
      dbName = uniqueDatabaseName('schemakit_seed');
      write(
        join(dir, 'decl', 'tables.ts'),
        [
          "import { c, table } from 'schemakit';",
          "export const kinds = table('public', 'kinds', { columns: { id: c.integer().primaryKey(), name: c.text().notNull() } });",
          "export const items = table('public', 'items', { columns: { id: c.integer().primaryKey(), kind: c.integer().notNull().references(() => kinds.columns.id), name: c.text() } });",
          '',
        ].join('\n'),
      );
      write(join(dir, 'data', 'public', 'kinds.csv'), 'id,name\n1,small\n2,large\n');
      write(join(dir, 'data', 'seeds', 'demo', 'public', 'items.csv'), 'id,kind,name\n1,1,pen\n2,2,desk\n3,2,shelf\n');
      yaml();
    });
    after(async () => {
      if (engine.kind === 'postgres') await dropDatabase(defaultAdminUrl(), dbName).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });

    it('without migrations: applies the schema, then the reference data, then the seed; --no-seed skips it', async () => {
      const r = await cli('db', 'reset', '--env', 'app', '--yes', '--json');
      expectExit(r, 0);
      const doc = JSON.parse(r.stdout) as { migrations: string[]; statements: number; dataStatements: number; seed: string; seeded: { table: string }[] };
      expect(doc.migrations).to.deep.equal([]);
      expect(doc.statements).to.be.greaterThan(0);
      expect(doc.dataStatements).to.be.greaterThan(0);
      expect(doc.seed).to.equal('demo');
      expect(doc.seeded.map((s) => s.table)).to.deep.equal(['public.items']);
      expect(await count('public.kinds')).to.equal(2);
      expect(await count('public.items')).to.equal(3);
      const bare = await cli('db', 'reset', '--env', 'app', '--yes', '--no-seed', '--json');
      expectExit(bare, 0);
      expect(JSON.parse(bare.stdout)).to.include({ seed: null });
      expect(await count('public.kinds')).to.equal(2);
      expect(await count('public.items')).to.equal(0);
    });

    it('with migrations: migrates up, then loads the reference data rows and the seed (text mode says so)', async () => {
      write(
        join(dir, 'mig', '0001_tables', 'up.sql'),
        'CREATE TABLE public.kinds (id integer PRIMARY KEY, name text NOT NULL);\nCREATE TABLE public.items (id integer PRIMARY KEY, kind integer NOT NULL REFERENCES public.kinds (id), name text);\n',
      );
      write(join(dir, 'mig', '0001_tables', 'down.sql'), 'DROP TABLE public.items;\nDROP TABLE public.kinds;\n');
      try {
        const r = await cli('db', 'reset', '--env', 'app', '--yes');
        expectExit(r, 0);
        expect(r.stdout)
          .to.include('1 migration(s) applied')
          .and.include('Reference data: ')
          .and.include('Seed demo: loaded data/seeds/demo/public/items.csv into public.items');
        expect(await count('public.kinds')).to.equal(2);
        expect(await count('public.items')).to.equal(3);
      } finally {
        rmSync(join(dir, 'mig'), { recursive: true, force: true });
      }
    });

    it('a seed: naming a missing folder is refused before anything is dropped, naming the key and line', async () => {
      const r = await cli('db', 'reset', '--env', 'other', '--yes');
      expectExit(r, 1);
      expect(r.stderr).to.match(/schemakit\.yaml:8: envs\.other\.seed: no seed folder data\/seeds\/nosuch; nothing was dropped/);
      expect(await count('public.kinds')).to.equal(2);
    });

    it('health reads its thresholds from health: in schemakit.yaml; a flag overrides; a bad value is a key:line error', async () => {
      try {
        yaml(['health:', '  largestTables: 1']);
        const sizes = async (...flags: string[]) => {
          const r = await cli('health', '--env', 'app', '--only', 'table-size', '--json', ...flags);
          expectExit(r, 0);
          return (JSON.parse(r.stdout) as { findings: { kind: string }[] }).findings.filter((f) => f.kind === 'table-size').length;
        };
        expect(await sizes()).to.equal(1);
        expect(await sizes('--largest-tables', '2')).to.equal(2);
        yaml(['health:', '  largest-tables: lots']);
        const bad = await cli('health', '--env', 'app', '--json');
        expectExit(bad, 1);
        expect(bad.stderr).to.match(/schemakit\.yaml:12: health\.largest-tables: must be a non-negative number, not "lots"/);
        expect(bad.stdout).to.equal('');
      } finally {
        yaml();
      }
    });
  });
}
