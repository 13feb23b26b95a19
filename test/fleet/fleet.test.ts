import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfig, type EnvConfig } from '../../src/config';
import { connectPostgres, defaultAdminUrl, urlForDatabase, type Db } from '../../src/db';
import {
  fleetMigrationStatus, migrateFleetUp, pingFleet, planFleet, resolveFleet, tenantHistoryTable, type FleetTarget, type TargetResult,
} from '../../src/fleet';
import { loadSchemaDir } from '../../src/load';
import { readMigrations } from '../../src/migrate';
import { engines } from '../support/engines';
import { startCluster, type Cluster } from '../support/second-cluster';

// Fleets are server-only: a fleet of embedded PGlite databases is not meaningful (each is one process's
// private data directory; there is nothing to run in parallel or to reach by URL), so this suite runs on
// PostgreSQL 15 only and is skipped when SCHEMAKIT_TEST_ENGINES excludes postgres.
const onPostgres = engines.some((e) => e.kind === 'postgres');
const BIN = resolve(__dirname, '../../../bin/schemakit.js');
const LOCAL_DBS = 20;
const REMOTE_DBS = 6;
const SCHEMAS = 200;

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
        const [r] = await w.query<{ n: string }>('SELECT count(*) AS n FROM pg_catalog.pg_stat_activity WHERE datname LIKE $1 AND pid <> pg_catalog.pg_backend_pid()', [like]);
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
    cluster = startCluster();
    localDbs = Array.from({ length: LOCAL_DBS }, (_, i) => `${prefix}db_${String(i).padStart(3, '0')}`);
    remoteDbs = Array.from({ length: REMOTE_DBS }, (_, i) => `${prefix}r_${i}`);
    await withDb(admin, async (db) => {
      for (const d of [...localDbs, tenantsDb, brokenDb]) await db.exec(`CREATE DATABASE "${d}"`);
    });
    await withDb(cluster.url('postgres'), async (db) => {
      for (const d of remoteDbs) await db.exec(`CREATE DATABASE "${d}"`);
    });
    // The broken target: a conflicting `items` table, so 0002's CREATE INDEX on `name` fails there.
    await withDb(urlForDatabase(admin, brokenDb), (db) => db.exec('CREATE TABLE items (id integer PRIMARY KEY, title text)'));
    await withDb(urlForDatabase(admin, tenantsDb), (db) =>
      db.exec(Array.from({ length: SCHEMAS }, (_, i) => `CREATE SCHEMA tenant_${String(i).padStart(4, '0')};`).join('\n')));
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
    expect(() => parseConfig(bad, join(root, 'schemakit.yaml'))).to.throw(/schemakit\.yaml:4: envs\.a: give one of targets, query or databases/)
      .with.property('problems').that.satisfies((ps: { location: string; object: string; message: string }[]) =>
        ps.some((p) => p.location.endsWith(':3') && p.object === 'envs.a.targets[0]') && ps.some((p) => p.location.endsWith(':8') && p.object === 'envs.b.parallel'));
    const needsUrl = 'envs:\n  c:\n    databases: t_%\n';
    expect(() => parseConfig(needsUrl, join(root, 'schemakit.yaml'))).to.throw(/:3: envs\.c\.databases: needs the env's url/);
  });

  it('resolves databases:, targets:, query: and schemaPattern targets', async () => {
    const yaml = `envs:
  local:
    url: ${admin}
    databases: ${prefix}db\\_%
  listed:
    targets: [${urlForDatabase(admin, localDbs[0])}, ${cluster.url(remoteDbs[0])}]
  queried:
    url: ${urlForDatabase(admin, tenantsDb)}
    query: SELECT nspname AS schema FROM pg_namespace WHERE nspname LIKE 'tenant_000%' ORDER BY 1
  tenants:
    url: ${admin}
    databases: ${tenantsDb}
    schemaPattern: tenant\\_%
`;
    expect((await resolveFleet(env(yaml, 'local', root))).map((t) => t.id)).to.have.length(LOCAL_DBS);
    expect((await resolveFleet(env(yaml, 'listed', root))).map((t) => t.id)).to.deep.equal([`127.0.0.1:5432/${localDbs[0]}`, `127.0.0.1:${cluster.port}/${remoteDbs[0]}`]);
    const q = await resolveFleet(env(yaml, 'queried', root));
    expect(q.map((t) => t.schema)).to.deep.equal(Array.from({ length: 10 }, (_, i) => `tenant_000${i}`));
    expect(await resolveFleet(env(yaml, 'tenants', root))).to.have.length(SCHEMAS);
  });

  it('migrates a fleet spanning two servers; the broken target fails alone and is named; concurrency is bounded; a rerun does nothing', async () => {
    const dir = writeMigrations(join(root, 'two-servers'));
    const files = readMigrations(dir);
    const targets: FleetTarget[] = [...localDbs, brokenDb].map((d) => ({ id: `local/${d}`, url: urlForDatabase(admin, d), schema: null }))
      .concat(remoteDbs.map((d) => ({ id: `remote/${d}`, url: cluster.url(d), schema: null })));
    const { result, max } = await maxConnections([admin, cluster.url('postgres')], `${prefix}%`, () => migrateFleetUp(targets, files, { parallel: 3 }));
    const failed = result.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.target)).to.deep.equal([`local/${brokenDb}`]);
    expect(failed[0].error).to.match(/already exists/);
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
    expect(canary.map((r) => r.status)).to.deep.equal(['failed', 'skipped', 'skipped', 'skipped']);
    const stop = await migrateFleetUp([broken, ...rest], files, { stopOnError: true, parallel: 1 });
    expect(stop.map((r) => r.status)).to.deep.equal(['failed', 'skipped', 'skipped', 'skipped']);
  });

  it(`migrates ${SCHEMAS} tenant schemas of one database in parallel, each with its own history and lock, and plans them once`, async () => {
    const dir = writeMigrations(join(root, 'tenants'));
    const yaml = `envs:\n  tenants:\n    url: ${admin}\n    databases: ${tenantsDb}\n    schemaPattern: tenant\\_%\n    parallel: 8\n`;
    const targets = await resolveFleet(env(yaml, 'tenants', root));
    // One tenant drifted on purpose: an extra column.
    await withDb(urlForDatabase(admin, tenantsDb), (db) => db.exec('CREATE TABLE tenant_0007.items (id integer PRIMARY KEY, name text NOT NULL, price numeric(10,2), extra int); CREATE INDEX items_name ON tenant_0007.items (name)'));
    const result = await migrateFleetUp(targets, readMigrations(dir), { parallel: 8 });
    const failed = result.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.target)).to.deep.equal([`127.0.0.1:5432/${tenantsDb}#tenant_0007`]);
    expect(failed[0].error).to.match(/already exists/);
    await withDb(urlForDatabase(admin, tenantsDb), async (db) => {
      const [n] = await db.query<{ n: string }>("SELECT count(*) AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace WHERE c.relname = 'items' AND s.nspname LIKE 'tenant\\_%'");
      expect(Number(n.n)).to.equal(SCHEMAS);
      const rows = await db.query<{ version: string }>(`SELECT version FROM ${tenantHistoryTable('tenant_0003')} ORDER BY version`);
      expect(rows.map((r) => r.version)).to.deep.equal(['0001', '0002']);
      const [pub] = await db.query<{ t: string | null }>("SELECT pg_catalog.to_regclass('public.items')::text AS t");
      expect(pub.t, 'nothing lands in public').to.equal(null);
    });
    // Plan: declare the tenant schema once (as `public`, bound per tenant); 239 tenants in one state, 1 drifted.
    const schemaDir = join(root, 'tenant-schema');
    mkdirSync(schemaDir, { recursive: true });
    writeFileSync(join(schemaDir, 'items.ts'), "import { c, index, table } from 'schemakit';\nexport const items = table('items', { columns: { id: c.integer().primaryKey(), name: c.text().notNull(), price: c.numeric(10, 2) }, indexes: (t) => [index('items_name').on(t.name)] });\n");
    const declared = await loadSchemaDir(schemaDir);
    const plan = await planFleet(targets, declared, { parallel: 4 });
    expect(plan.failed).to.deep.equal([]);
    expect(plan.groups.map((g) => g.targets.length)).to.deep.equal([SCHEMAS - 1, 1]);
    expect(plan.groups[0].plan.steps).to.deep.equal([]);
    expect(plan.groups[1].targets).to.deep.equal([`127.0.0.1:5432/${tenantsDb}#tenant_0007`]);
    expect(plan.groups[1].plan.steps.map((s) => s.object)).to.include('public.items.extra');
  });

  it('kill -9 in the middle of a fleet run leaves every target before or after; a rerun completes', async function () {
    this.timeout(240_000);
    const project = join(root, 'kill');
    writeMigrations(project, true);
    writeFileSync(join(project, 'schemakit.yaml'), `paths:\n  migrations: migrations\nenvs:\n  fleet:\n    url: ${admin}\n    databases: ${prefix}db\\_%\n    parallel: 2\n`);
    const child = spawn(process.execPath, [BIN, 'migrate', 'up', '--env', 'fleet', '--json'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    // One connection per database opened up front: polling must be cheap while the child runs.
    const watchers = await Promise.all(localDbs.map((d) => connectPostgres(urlForDatabase(admin, d))));
    const has0003 = async (i: number) => (await watchers[i].query("SELECT 1 FROM schemakit.migrations WHERE version = '0003'").catch(() => [])).length > 0;
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
      const [r] = await watchers[i].query<{ c: boolean }>("SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'note') AS c");
      expect(await has0003(i), localDbs[i]).to.equal(r.c);
    }
    const rerun = spawn(process.execPath, [BIN, 'migrate', 'up', '--env', 'fleet', '--json', '--parallel', '4'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
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
