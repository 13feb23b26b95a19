import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAdminUrl, dropDatabase, uniqueDatabaseName, urlForDatabase } from '../../src/db';
import { engines } from '../support/engines';
import { present } from '../support/present';
import { expectExit } from './cli-target';
import { runCli, type CliResult } from './run-cli';

/** Minimal JSON shapes: every listed key present with the type named (`array`, `object`, `null` allowed with `|`). */
type Shape = Readonly<Record<string, string>>;
const shapes: Record<string, Shape> = {
  'db create': { target: 'string', created: 'boolean' },
  'db reset': {
    target: 'string',
    dropped: 'boolean',
    migrations: 'array',
    statements: 'number',
    dataStatements: 'number',
    seed: 'string|null',
    seeded: 'array',
  },
  ping: {
    target: 'string',
    reachable: 'boolean',
    serverVersion: 'number',
    version: 'string',
    connectMs: 'number',
    latencyMs: 'number',
    user: 'string',
    database: 'string',
    migrations: 'object',
    drift: 'number|null',
  },
  'migrate baseline': { target: 'string', baseline: 'string', recorded: 'array' },
  'migrate status': { migrations: 'array', applied: 'number', pending: 'number', problems: 'number', drift: 'object|null' },
  'migrate up': { applied: 'array', backup: 'string|null' },
  'migrate down': { reverted: 'array', backup: 'string|null' },
  apply: { applied: 'number', chunks: 'number', durationMs: 'number', backup: 'string|null', steps: 'array' },
  init: { written: 'array', kept: 'array' },
};
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Parses stdout as exactly one JSON document and checks it against the command's shape. */
function expectJson(r: CliResult, command: string): Record<string, unknown> {
  const doc = JSON.parse(r.stdout) as Record<string, unknown>;
  const shape: Shape = present(shapes[command], `shape of ${command}`);
  for (const [k, t] of Object.entries(shape)) expect(t.split('|'), `${command}: ${k} in ${r.stdout}`).to.include(typeOf(doc[k]));
  return doc;
}

const migration = (dir: string, id: string, up: string, down: string) => {
  mkdirSync(join(dir, id), { recursive: true });
  writeFileSync(join(dir, id, 'up.sql'), up);
  writeFileSync(join(dir, id, 'down.sql'), down);
};

for (const engine of engines) {
  describe(`cli: schemakit.yaml envs and database lifecycle (${engine.name})`, function () {
    this.timeout(240_000);
    let dir = '';
    let dbName = '';
    const password = 'pw-s3cret-XYZ';
    // On the server a database that does not exist yet (db create makes it); on PGlite a data directory.
    const url = () =>
      engine.kind === 'postgres' ? urlForDatabase(defaultAdminUrl(), dbName).replace('//root@', `//root:${password}@`) : 'pglite:.schemakit/app';
    const cli = (...args: string[]) => runCli(args, { cwd: dir, env: { APP_URL: url() } });

    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'schemakit-config-cli-'));
      dbName = uniqueDatabaseName('schemakit_cfg');
      mkdirSync(join(dir, 'decl'));
      writeFileSync(
        join(dir, 'decl', 'items.ts'),
        "import { c, table } from 'schemakit';\nexport const items = table('public', 'items', { columns: { id: c.integer().primaryKey(), name: c.text(), flag: c.boolean(), note: c.text() } });\n",
      );
      writeFileSync(
        join(dir, 'schemakit.yaml'),
        [
          'paths:',
          '  schema: decl',
          '  migrations: mig',
          'envs:',
          '  app:',
          '    url: ${APP_URL}',
          '  prod:',
          '    url: ${APP_URL}',
          '    policy:',
          '      protected: true',
          '      migrationsOnly: true',
          '',
        ].join('\n'),
      );
      migration(join(dir, 'mig'), '0001_items', 'CREATE TABLE public.items (id integer PRIMARY KEY, name text);\n', 'DROP TABLE public.items;\n');
      migration(join(dir, 'mig'), '0002_flag', 'ALTER TABLE public.items ADD COLUMN flag boolean;\n', 'ALTER TABLE public.items DROP COLUMN flag;\n');
    });
    after(async () => {
      if (engine.kind === 'postgres') await dropDatabase(defaultAdminUrl(), dbName).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });

    const noPassword = (r: CliResult) => expect(r.stdout + r.stderr).not.to.include(password);

    it('db create makes the missing database, once; the target line on stderr masks the password', async () => {
      if (engine.kind === 'postgres') {
        const missing = await cli('migrate', 'status', '--env', 'app', '--no-drift');
        expectExit(missing, 1);
        expect(missing.stderr).to.include('does not exist').and.include('schemakit db create');
        noPassword(missing);
      }
      const r = await cli('db', 'create', '--env', 'app', '--json');
      expectExit(r, 0);
      expect(expectJson(r, 'db create').created).to.equal(true);
      expect(r.stderr.split('\n')[0]).to.match(/^target: .* \(env app, from --env\)$/);
      if (engine.kind === 'postgres') expect(r.stderr).to.include('root:****@');
      noPassword(r);
      const again = await cli('db', 'create', '--env', 'app', '--json');
      expect(expectJson(again, 'db create').created).to.equal(false);
    });

    it('ping: exit 2 with pending migrations, JSON shape; baseline records them without running; then exit 0', async () => {
      const pending = await cli('ping', '--env', 'app', '--json');
      expectExit(pending, 2);
      const doc = expectJson(pending, 'ping');
      expect(doc.migrations).to.deep.equal({ applied: 0, pending: 2, problems: 0 });
      noPassword(pending);
      const base = await cli('migrate', 'baseline', '0001', '--env', 'app', '--json');
      expectExit(base, 0);
      expect(expectJson(base, 'migrate baseline').recorded).to.deep.equal(['0001_items']);
      const status = await cli('migrate', 'status', '--env', 'app', '--no-drift', '--json');
      expectExit(status, 2);
      const s = expectJson(status, 'migrate status');
      expect((s.migrations as { id: string; state: string }[]).map((m) => `${m.id}:${m.state}`)).to.deep.equal(['0001_items:applied', '0002_flag:pending']);
      const bad = await cli('migrate', 'baseline', '0009', '--env', 'app');
      expectExit(bad, 1);
      expect(bad.stderr).to.include('no migration with version 0009');
    });

    it('db reset --yes drops, recreates and runs the migrations; ping is then healthy', async () => {
      const refused = await cli('db', 'reset', '--env', 'app');
      expectExit(refused, 1);
      expect(refused.stderr).to.include('pass --yes');
      const r = await cli('db', 'reset', '--env', 'app', '--yes', '--json');
      expectExit(r, 0);
      expect(expectJson(r, 'db reset')).to.include({ dropped: true });
      expect((JSON.parse(r.stdout) as { migrations: string[] }).migrations).to.deep.equal(['0001', '0002']);
      const ping = await cli('ping', '--env', 'app', '--json');
      expectExit(ping, 0);
      expect(expectJson(ping, 'ping')).to.include({ reachable: true, drift: 0 });
      noPassword(ping);
    });

    it('migrate down/up --json print one document each', async () => {
      const down = await cli('migrate', 'down', '--env', 'app', '--json', '--allow-hazard', 'deletes-data');
      expectExit(down, 0);
      expect((expectJson(down, 'migrate down').reverted as { version: string }[]).map((x) => x.version)).to.deep.equal(['0002']);
      const up = await cli('migrate', 'up', '--env', 'app', '--json');
      expectExit(up, 0);
      expect((expectJson(up, 'migrate up').applied as { version: string }[]).map((x) => x.version)).to.deep.equal(['0002']);
    });

    it('a protected env refuses db reset whatever the flags, and restore; migrationsOnly refuses apply', async () => {
      const reset = await cli('db', 'reset', '--env', 'prod', '--yes');
      expectExit(reset, 1);
      expect(reset.stderr).to.match(/db reset refused on env "prod": policy protected: true/);
      const restore = await cli('restore', 'nothing.dump', '--env', 'prod', '--yes');
      expectExit(restore, 1);
      expect(restore.stderr).to.match(/restore refused on env "prod": policy protected: true/);
      const apply = await cli('apply', '--env', 'prod', '--yes');
      expectExit(apply, 1);
      expect(apply.stderr).to.match(/apply refused on env "prod": policy migrationsOnly: true/);
      // The URL spelled out directly still gets prod's policy (it names the same database as prod and app: the first env wins).
      const ping = await cli('ping', '--env', 'prod', '--json');
      expectExit(ping, 0);
    });

    it('apply --json on the env uses paths.schema; an unset variable stops everything naming it and the key', async () => {
      if (engine.kind === 'postgres') {
        const apply = await cli('apply', '--env', 'app', '--yes', '--json');
        expectExit(apply, 0);
        expect(expectJson(apply, 'apply').applied).to.equal(1);
        noPassword(apply);
      }
      const unset = await runCli(['plan', '--env', 'app'], { cwd: dir });
      expectExit(unset, 1);
      expect(unset.stderr).to.match(/schemakit\.yaml:6: envs\.app\.url: environment variable APP_URL is not set/);
    });
  });
}

describe('cli: schemakit init (embedded engine, no configuration needed)', function () {
  this.timeout(180_000);
  it('init then plan works in an empty folder; init never overwrites', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemakit-init-'));
    try {
      const init = await runCli(['init', '--json'], { cwd: dir });
      expectExit(init, 0);
      expect(expectJson(init, 'init').written).to.deep.equal(['schemakit.yaml', join('schema', 'notes.ts'), join('data', '.gitkeep'), '.gitignore']);
      expect(readFileSync(join(dir, '.gitignore'), 'utf8')).to.include('.schemakit/');
      const plan = await runCli(['plan'], { cwd: dir });
      expectExit(plan, 2);
      expect(plan.stdout).to.match(/^\+ create table public\.notes$/m);
      expect(plan.stderr).to.match(/^target: embedded database .* \(from embedded\)$/m);
      const again = await runCli(['init', '--json'], { cwd: dir });
      expect((JSON.parse(again.stdout) as { written: string[] }).written).to.deep.equal([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cli: bad configuration (no database)', function () {
  this.timeout(120_000);
  it('malformed yaml and unknown keys give one clear message and exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemakit-badcfg-'));
    try {
      writeFileSync(join(dir, 'schemakit.yaml'), 'envs:\n  dev:\n    ulr: embedded\n');
      const r = await runCli(['migrate', 'status', '--env', 'dev'], { cwd: dir });
      expectExit(r, 1);
      expect(r.stderr).to.match(/schemakit\.yaml:3: envs\.dev\.ulr: unknown key \(did you mean "url"\?\)/);
      writeFileSync(join(dir, 'schemakit.yaml'), 'envs: [\n');
      const m = await runCli(['ping'], { cwd: dir });
      expectExit(m, 1);
      expect(m.stderr).to.match(/schemakit\.yaml:\d+: not valid YAML/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--url with a password is masked when the server is unreachable', async () => {
    const r = await runCli(['ping', '--url', 'postgres://u:hunter2-secret@127.0.0.1:1/x', '--json'], { cwd: tmpdir() });
    expectExit(r, 1);
    expect(JSON.parse(r.stdout)).to.include({ reachable: false });
    expect(r.stdout + r.stderr).not.to.include('hunter2-secret');
  });
});
