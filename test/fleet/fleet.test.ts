import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfig, type EnvConfig } from '../../src/config';
import { connectPostgres, defaultAdminUrl, urlForDatabase, type Db, queryRow } from '../../src/db';
import {
  checkFleet,
  declaredTenantSchema,
  fleetMigrationStatus,
  healthFleet,
  migrateFleetUp,
  pingFleet,
  planFleet,
  resolveFleet,
  tenantHistory,
  type FleetTarget,
  type TargetResult,
} from '../../src/fleet';
import { runFleetCommand } from '../../src/cli/fleet-command';
import { c, collectDeclarations, index, schema, table, tenant, type Declared } from '../../src/declare';
import { healthKinds } from '../../src/health';
import { readMigrations } from '../../src/migrate';
import { qualified } from '../../src/sql';
import { engines } from '../support/engines';
import { startCluster, type Cluster } from '../support/second-cluster';
import { present } from '../support/present';

// Fleets are server-only: a fleet of embedded PGlite databases is not meaningful (each is one process's
// private data directory; there is nothing to run in parallel or to reach by URL), so this suite runs on
// PostgreSQL 15 only and is skipped when SCHEMAKIT_TEST_ENGINES excludes postgres.
const onPostgres = engines.some((e) => e.kind === 'postgres');
const BIN = resolve(__dirname, '../../../bin/schemakit.js');
// Small fleets: every behaviour (grouping, isolation, bounded concurrency, resume) shows at this size; the
// issue's scale (1,000 schemas, 100 databases) is measured by `npm run bench -- --fleet`, not here.
const LOCAL_DBS = 5;
const REMOTE_DBS = 2;
const SCHEMAS = 30;

const run = Date.now().toString(36);
const prefix = `skfleet_${run}_`;
const admin = defaultAdminUrl();

async function withDb<T>(url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await connectPostgres(url);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function writeMigrations(root: string, slow = false): string {
  const dir = join(root, 'migrations');
  const m = (id: string, sql: string) => {
    mkdirSync(join(dir, id), { recursive: true });
    writeFileSync(join(dir, id, 'up.sql'), sql);
  };
  m('0001_items', 'CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL);\n');
  m('0002_price', 'ALTER TABLE items ADD COLUMN price numeric(10,2);\nCREATE INDEX items_name ON items (name);\n');
  if (slow) m('0003_slow', 'SELECT pg_catalog.pg_sleep(0.4);\nALTER TABLE items ADD COLUMN note text;\n');
  return dir;
}

/**
 * Tenant migrations: unqualified names land in the tenant (search_path), and `${schema}` names it where
 * search_path is not enough; 0001 fails unless it runs in a tenant schema.
 */
function writeTenantMigrations(root: string): string {
  const dir = join(root, 'migrations');
  const m = (id: string, sql: string) => {
    mkdirSync(join(dir, id), { recursive: true });
    writeFileSync(join(dir, id, 'up.sql'), sql);
  };
  m(
    '0001_items',
    [
      "DO $$ BEGIN IF pg_catalog.current_schema() NOT LIKE 'tenant\\_%' THEN RAISE EXCEPTION 'runs in %', pg_catalog.current_schema(); END IF; END $$;",
      'CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL);',
      "COMMENT ON SCHEMA ${schema} IS 'tenant schema';",
    ].join('\n') + '\n',
  );
  m('0002_price', 'ALTER TABLE items ADD COLUMN price numeric(10,2);\nCREATE INDEX items_name ON items (name);\n');
  return dir;
}

/**
 * The tenant declaration, one `schema(tenant('app'))` for every tenant schema, collected in-process (the
 * loader of schema/*.ts files has its own tests; compiling one here would cost seconds).
 */
function tenantDeclared(): Declared {
  const app = schema(tenant('app'), { comment: 'tenant schema' });
  const items = table(app, 'items', {
    columns: { id: c.integer().primaryKey(), name: c.text().notNull(), price: c.numeric(10, 2) },
    indexes: (t) => [index('items_name').on(t.name)],
    naturalKey: ['name'],
  });
  return collectDeclarations([{ app, items }]);
}

function env(yaml: string, name: string, root: string): EnvConfig {
  const config = parseConfig(yaml, join(root, 'schemakit.yaml'));
  return config.envs.find((e) => e.name === name)!;
}

/** Max simultaneous client connections to the fleet's databases while `fn` runs, sampled from pg_stat_activity. */
async function maxConnections<T>(servers: string[], like: string, fn: () => Promise<T>): Promise<{ result: T; max: number }> {
  const watchers = await Promise.all(servers.map((s) => connectPostgres(s)));
  let max = 0;
  let stop = false;
  const sample = async () => {
    while (!stop) {
      let n = 0;
      for (const w of watchers) {
        const r = await queryRow<{ n: string }>(
          w,
          'SELECT count(*) AS n FROM pg_catalog.pg_stat_activity WHERE datname LIKE $1 AND pid <> pg_catalog.pg_backend_pid()',
          [like],
        );
        n += Number(r.n);
      }
      max = Math.max(max, n);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const sampler = sample();
  try {
    const result = await fn();
    return { result, max };
  } finally {
    stop = true;
    await sampler;
    await Promise.all(watchers.map((w) => w.close()));
  }
}

const byTarget = (rs: readonly TargetResult[]) => new Map(rs.map((r) => [r.target, r]));

(onPostgres ? describe : describe.skip)('fleet (postgres only: a fleet of embedded databases is not meaningful)', function () {
  this.timeout(120_000);
  let cluster: Cluster;
  let root: string;
  let localDbs: string[];
  let remoteDbs: string[];
  const tenantsDb = `${prefix}tenants`;
  const brokenDb = `${prefix}broken`;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'schemakit-fleet-'));
    const starting = startCluster();
    localDbs = Array.from({ length: LOCAL_DBS }, (_, i) => `${prefix}db_${String(i).padStart(3, '0')}`);
    remoteDbs = Array.from({ length: REMOTE_DBS }, (_, i) => `${prefix}r_${i}`);
    await withDb(admin, async (db) => {
      for (const d of [...localDbs, tenantsDb, brokenDb]) await db.exec(`CREATE DATABASE "${d}"`);
    });
    cluster = await starting;
    await withDb(cluster.url('postgres'), async (db) => {
      for (const d of remoteDbs) await db.exec(`CREATE DATABASE "${d}"`);
    });
    // The broken target: a conflicting `items` table, so 0002's CREATE INDEX on `name` fails there.
    await withDb(urlForDatabase(admin, brokenDb), (db) => db.exec('CREATE TABLE items (id integer PRIMARY KEY, title text)'));
    await withDb(urlForDatabase(admin, tenantsDb), (db) =>
      db.exec(Array.from({ length: SCHEMAS }, (_, i) => `CREATE SCHEMA tenant_${String(i).padStart(4, '0')};`).join('\n')),
    );
  });

  after(async () => {
    cluster?.stop();
    await withDb(admin, async (db) => {
      const rows = await db.query<{ datname: string }>('SELECT datname FROM pg_catalog.pg_database WHERE datname LIKE $1', [`${prefix}%`]);
      for (const r of rows) await db.exec(`DROP DATABASE "${r.datname}" WITH (FORCE)`);
    });
    rmSync(root, { recursive: true, force: true });
  });

  it('validates fleet keys with file:line errors', () => {
    const bad = 'envs:\n  a:\n    targets: [nope]\n    query: SELECT 1\n  b:\n    url: postgres://x@h/db\n    databases: t_%\n    parallel: 0\n';
    expect(() => parseConfig(bad, join(root, 'schemakit.yaml')))
      .to.throw(/schemakit\.yaml:4: envs\.a: give one of targets, query or databases/)
      .with.property('problems')
      .that.satisfies(
        (ps: { location: string; object: string; message: string }[]) =>
          ps.some((p) => p.location.endsWith(':3') && p.object === 'envs.a.targets[0]') &&
          ps.some((p) => p.location.endsWith(':8') && p.object === 'envs.b.parallel'),
      );
    const needsUrl = 'envs:\n  c:\n    databases: t_%\n';
    expect(() => parseConfig(needsUrl, join(root, 'schemakit.yaml'))).to.throw(/:3: envs\.c\.databases: needs the env's url/);
  });

  it('resolves databases:, targets:, query: and schemaPattern targets', async () => {
    const yaml = `envs:
  local:
    url: ${admin}
    databases: ${prefix}db\\_%
  listed:
    targets: [${urlForDatabase(admin, present(localDbs[0]))}, ${cluster.url(present(remoteDbs[0]))}]
  queried:
    url: ${urlForDatabase(admin, tenantsDb)}
    query: SELECT nspname AS schema FROM pg_namespace WHERE nspname LIKE 'tenant_000%' ORDER BY 1
  tenants:
    url: ${admin}
    databases: ${tenantsDb}
    schemaPattern: tenant\\_%
`;
    expect((await resolveFleet(env(yaml, 'local', root))).map((t) => t.id)).to.have.length(LOCAL_DBS);
    expect((await resolveFleet(env(yaml, 'listed', root))).map((t) => t.id)).to.deep.equal([
      `127.0.0.1:5432/${localDbs[0]}`,
      `127.0.0.1:${cluster.port}/${remoteDbs[0]}`,
    ]);
    const q = await resolveFleet(env(yaml, 'queried', root));
    expect(q.map((t) => t.schema)).to.deep.equal(Array.from({ length: 10 }, (_, i) => `tenant_000${i}`));
    expect(await resolveFleet(env(yaml, 'tenants', root))).to.have.length(SCHEMAS);
  });

  it('migrates a fleet spanning two servers; the broken target fails alone and is named; concurrency is bounded; a rerun does nothing', async () => {
    const dir = writeMigrations(join(root, 'two-servers'));
    const files = readMigrations(dir);
    const targets: FleetTarget[] = [...localDbs, brokenDb]
      .map((d) => ({ id: `local/${d}`, url: urlForDatabase(admin, d), schema: null }))
      .concat(remoteDbs.map((d) => ({ id: `remote/${d}`, url: cluster.url(d), schema: null })));
    const { result, max } = await maxConnections([admin, cluster.url('postgres')], `${prefix}%`, () => migrateFleetUp(targets, files, { parallel: 3 }));
    const failed = result.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.target)).to.deep.equal([`local/${brokenDb}`]);
    expect(present(failed[0]).error).to.match(/already exists/);
    expect(result.filter((r) => r.status === 'ok')).to.have.length(LOCAL_DBS + REMOTE_DBS);
    expect(byTarget(result).get(`remote/${remoteDbs[0]}`)).to.include({ before: '-', after: '0002' });
    expect(max, 'max simultaneous connections').to.be.within(1, 3);
    const again = await migrateFleetUp(targets, files, { parallel: 6 });
    for (const r of again.filter((x) => x.status === 'ok')) expect(r.before).to.equal(r.after);
    expect(again.filter((r) => r.status === 'failed').map((r) => r.target)).to.deep.equal([`local/${brokenDb}`]);
    const status = await fleetMigrationStatus(targets, files, { parallel: 6 });
    expect(status.filter((r) => r.status === 'ok')).to.have.length(targets.length);
    expect(byTarget(status).get(`local/${brokenDb}`)?.detail).to.include({ pending: 2 });
    const ping = await pingFleet(targets, files, { parallel: 6 });
    expect(ping.every((r) => r.status === 'ok')).to.equal(true);
  });

  it('--canary stops the fleet when a canary fails; --stop-on-error starts nothing new', async () => {
    const dir = writeMigrations(join(root, 'canary'));
    const files = readMigrations(dir);
    const broken: FleetTarget = { id: 'broken', url: urlForDatabase(admin, brokenDb), schema: null };
    const rest: FleetTarget[] = remoteDbs.slice(0, 3).map((d) => ({ id: d, url: cluster.url(d), schema: null }));
    const canary = await migrateFleetUp([broken, ...rest], files, { canary: 1, parallel: 2 });
    const skipped = rest.map(() => 'skipped');
    expect(canary.map((r) => r.status)).to.deep.equal(['failed', ...skipped]);
    const stop = await migrateFleetUp([broken, ...rest], files, { stopOnError: true, parallel: 1 });
    expect(stop.map((r) => r.status)).to.deep.equal(['failed', ...skipped]);
  });

  it(`migrates, plans, checks and examines ${SCHEMAS} tenant schemas of one database: own history, lock and \${schema}; one drifted and one with duplicates are named`, async () => {
    const project = join(root, 'tenants');
    const dir = writeTenantMigrations(project);
    const yaml = `envs:\n  tenants:\n    url: ${admin}\n    databases: ${tenantsDb}\n    schemaPattern: tenant\\_%\n    parallel: 4\n`;
    const targets = await resolveFleet(env(yaml, 'tenants', root));
    const id = (s: string) => `127.0.0.1:5432/${tenantsDb}#${s}`;
    // One tenant drifted on purpose: an extra column, so 0001's CREATE TABLE fails there.
    await withDb(urlForDatabase(admin, tenantsDb), (db) =>
      db.exec(
        'CREATE TABLE tenant_0007.items (id integer PRIMARY KEY, name text NOT NULL, price numeric(10,2), extra int); CREATE INDEX items_name ON tenant_0007.items (name)',
      ),
    );
    const result = await migrateFleetUp(targets, readMigrations(dir), { parallel: 4 });
    const failed = result.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.target)).to.deep.equal([id('tenant_0007')]);
    expect(present(failed[0]).error).to.match(/already exists/);
    await withDb(urlForDatabase(admin, tenantsDb), async (db) => {
      const n = await queryRow<{ n: string }>(
        db,
        "SELECT count(*) AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace WHERE c.relname = 'items' AND s.nspname LIKE 'tenant\\_%'",
      );
      expect(Number(n.n)).to.equal(SCHEMAS);
      const h = tenantHistory('tenant_0003');
      const rows = await db.query<{ version: string }>(`SELECT version FROM ${qualified(h.schema, h.migrations)} ORDER BY version`);
      expect(rows.map((r) => r.version)).to.deep.equal(['0001', '0002']);
      const c = await queryRow<{ c: string | null }>(db, "SELECT pg_catalog.obj_description('tenant_0003'::regnamespace, 'pg_namespace') AS c");
      expect(c.c, '${schema} named the tenant').to.equal('tenant schema');
      const pub = await queryRow<{ t: string | null }>(db, "SELECT pg_catalog.to_regclass('public.items')::text AS t");
      expect(pub.t, 'nothing lands in public').to.equal(null);
      await db.exec("INSERT INTO tenant_0011.items (id, name) VALUES (1, 'same'), (2, 'same'), (3, 'other')");
    });
    // Plan: schema(tenant('app')) is bound to each tenant; all tenants in one state but the drifted one.
    const declared = tenantDeclared();
    expect(declaredTenantSchema(declared)).to.equal('app');
    const plan = await planFleet(targets, declared, { parallel: 4 });
    expect(plan.failed).to.deep.equal([]);
    expect(plan.groups.map((g) => g.targets.length)).to.deep.equal([SCHEMAS - 1, 1]);
    expect(present(plan.groups[0]).plan.steps).to.deep.equal([]);
    expect(present(plan.groups[1]).targets).to.deep.equal([id('tenant_0007')]);
    expect(present(plan.groups[1]).plan.steps.map((s) => s.object)).to.include('app.items.extra');
    // Check: each tenant's own tables, the declared natural key rebound to it; only tenant_0011 fails.
    const checked = await checkFleet(targets, { declared, boundSchema: 'app', parallel: 4 });
    expect(checked.filter((r) => r.status === 'failed').map((r) => [r.target, r.error])).to.deep.equal([
      [id('tenant_0011'), '1 finding(s): duplicate-natural-key tenant_0011.items (1)'],
    ]);
    expect(checked.every((r) => Number((r.detail as { checked: number }).checked) > 0)).to.equal(true);
    // Health: one pass over the database; findings go to the tenant whose objects they name, the rest to the database row.
    // Every category but activity: connections, long and blocked transactions are server-wide, and the suite's
    // other files (lock and concurrency tests) hold transactions open on this same server meanwhile.
    const only = Object.keys(healthKinds).filter((c) => c !== 'activity');
    const examined = await healthFleet(targets, { declared, parallel: 4, failOn: 'error', only });
    expect(examined.map((r) => r.target)).to.deep.equal([`127.0.0.1:5432/${tenantsDb}`, ...targets.map((t) => t.id)]);
    expect(examined.filter((r) => r.status !== 'ok')).to.deep.equal([]);
  });

  it('check and health over a database fleet: per-target table and --json, exit 1, the unreachable and the inconsistent target named', async () => {
    const project = join(root, 'check-cli');
    mkdirSync(project, { recursive: true });
    const nope = 'postgres://root@127.0.0.1:5432/' + `${prefix}missing`;
    const yaml = `envs:\n  listed:\n    targets: [${urlForDatabase(admin, present(localDbs[1]))}, ${cluster.url(present(remoteDbs[1]))}, ${nope}]\n`;
    writeFileSync(join(project, 'schemakit.yaml'), yaml);
    // A NOT VALID foreign key with an orphan row: check's catalog checks find it without declarations.
    await withDb(urlForDatabase(admin, present(localDbs[1])), (db) =>
      db.exec(
        'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE ch (pid int); INSERT INTO ch VALUES (5); ALTER TABLE ch ADD FOREIGN KEY (pid) REFERENCES p NOT VALID',
      ),
    );
    const fleet = env(yaml, 'listed', project);
    const opts = { config: join(project, 'schemakit.yaml'), schema: join(project, 'no-schema') };
    const json = await runFleetCommand('check', fleet, { ...opts, json: true });
    expect(json.exitCode).to.equal(1);
    const doc = JSON.parse(json.stdout) as { command: string; ok: number; failed: number; results: TargetResult[] };
    expect(doc).to.include({ command: 'check', ok: 1, failed: 2 });
    const rows = byTarget(doc.results);
    expect(rows.get(`127.0.0.1:5432/${localDbs[1]}`)?.error).to.match(/^1 finding\(s\): not-valid-foreign-key public\.ch/);
    expect(rows.get(`127.0.0.1:5432/${prefix}missing`)?.error).to.match(/does not exist/);
    expect(rows.get(`127.0.0.1:${cluster.port}/${remoteDbs[1]}`)).to.include({ status: 'ok' });
    const text = await runFleetCommand('health', fleet, { ...opts });
    expect(text.exitCode).to.equal(1);
    expect(text.stdout).to.match(/^target\s+result\s+duration\s+status\s+error/);
    expect(text.stdout).to.match(/3 target\(s\): 2 ok, 1 failed/);
    expect(text.stdout).to.include(`failed: 127.0.0.1:5432/${prefix}missing`);
    expect(text.stdout).to.not.include('→');
    // The binary routes `check --env FLEET` to the fleet (the one spawn of this test).
    const child = spawn(process.execPath, [BIN, 'check', '--env', 'listed', '--parallel', '2'], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    expect(await new Promise((r) => child.on('close', r))).to.equal(1);
    expect(out).to.include(`failed: 127.0.0.1:5432/${localDbs[1]}, 127.0.0.1:5432/${prefix}missing`);
  });

  it('kill -9 in the middle of a fleet run leaves every target before or after; a rerun completes', async function () {
    this.timeout(240_000);
    const project = join(root, 'kill');
    writeMigrations(project, true);
    writeFileSync(
      join(project, 'schemakit.yaml'),
      `paths:\n  migrations: migrations\nenvs:\n  fleet:\n    url: ${admin}\n    databases: ${prefix}db\\_%\n    parallel: 1\n`,
    );
    const child = spawn(process.execPath, [BIN, 'migrate', 'up', '--env', 'fleet', '--json'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    // One connection per database opened up front: polling must be cheap while the child runs.
    const watchers = await Promise.all(localDbs.map((d) => connectPostgres(urlForDatabase(admin, d))));
    const has0003 = async (i: number) =>
      (
        await present(watchers[i])
          .query("SELECT 1 FROM schemakit.migrations WHERE version = '0003'")
          .catch(() => [])
      ).length > 0;
    const applied = async () => {
      let n = 0;
      for (let i = 0; i < localDbs.length; i++) n += (await has0003(i)) ? 1 : 0;
      return n;
    };
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (await applied()) < 2) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    const first = await applied();
    expect(first, stderr).to.be.within(2, LOCAL_DBS - 1);
    // Before or after, never half: 0003's column exists exactly where its history row does.
    for (let i = 0; i < localDbs.length; i++) {
      const r = await queryRow<{ c: boolean }>(
        present(watchers[i]),
        "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'note') AS c",
      );
      expect(await has0003(i), localDbs[i]).to.equal(r.c);
    }
    const rerun = spawn(process.execPath, [BIN, 'migrate', 'up', '--env', 'fleet', '--json', '--parallel', '4'], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    rerun.stdout.on('data', (d) => (out += String(d)));
    const code = await new Promise((r) => rerun.on('close', r));
    expect(code).to.equal(0);
    const doc = JSON.parse(out) as { ok: number; results: TargetResult[] };
    expect(doc.ok).to.equal(LOCAL_DBS);
    const did = doc.results.filter((r) => r.before !== r.after);
    expect(did).to.have.length(LOCAL_DBS - first);
    expect(await applied()).to.equal(LOCAL_DBS);
    await Promise.all(watchers.map((w) => w.close()));
  });
});
