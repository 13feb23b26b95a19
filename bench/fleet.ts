/**
 * Fleet benchmark (`npm run bench -- --fleet 200,20`): `migrate up` of one 20-statement migration across
 * N tenant schemas of one database and across M databases, with schemakit's fleet runner at --parallel 1
 * and 4, against a plain sequential loop of `psql -1 -f up.sql` over the same targets (the shell loop
 * users write today). Reported as targets/second and as ratios to the loop. Every run gets fresh targets.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPostgres, urlForDatabase } from '../src/db';
import { migrateFleetUp, type FleetTarget } from '../src/fleet';
import { readMigrations } from '../src/migrate';

const STATEMENTS = 20;

function migration(dir: string): string {
  const lines = ['CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());'];
  for (let i = 1; lines.length < STATEMENTS - 1; i++) lines.push(`ALTER TABLE accounts ADD COLUMN c${i} integer;`);
  lines.push('CREATE INDEX accounts_email ON accounts (email);');
  mkdirSync(join(dir, '0001_bench'), { recursive: true });
  writeFileSync(join(dir, '0001_bench', 'up.sql'), lines.join('\n') + '\n');
  return join(dir, '0001_bench', 'up.sql');
}

interface Run {
  readonly label: string;
  readonly seconds: number;
  readonly perSecond: number;
}

async function timed(label: string, n: number, fn: () => Promise<void> | void): Promise<Run> {
  const t0 = performance.now();
  await fn();
  const seconds = (performance.now() - t0) / 1000;
  return { label, seconds, perSecond: n / seconds };
}

/** Runs the benchmark, prints a Markdown table; 0 unless a run failed. */
export async function runFleetBench(serverUrl: string, schemas: number, databases: number): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), 'schemakit-fleet-bench-'));
  const upSql = migration(root);
  const files = readMigrations(root);
  const tag = `skfb_${Date.now().toString(36)}`;
  const admin = await connectPostgres(`${serverUrl}/postgres`);
  const made: string[] = [];
  let failed = 0;
  const rows: { kind: string; n: number; runs: Run[] }[] = [];
  try {
    const schemaDb = `${tag}_tenants`;
    await admin.exec(`CREATE DATABASE ${schemaDb}`);
    made.push(schemaDb);
    const tenantsDb = await connectPostgres(`${serverUrl}/${schemaDb}`);
    const freshSchemas = async (run: string) => {
      const names = Array.from({ length: schemas }, (_, i) => `${run}_t${i}`);
      await tenantsDb.exec(names.map((s) => `CREATE SCHEMA ${s};`).join('\n'));
      return names.map((s): FleetTarget => ({ id: s, url: `${serverUrl}/${schemaDb}`, schema: s }));
    };
    const freshDbs = async (run: string) => {
      const names = Array.from({ length: databases }, (_, i) => `${tag}_${run}_d${i}`);
      for (const d of names) {
        await admin.exec(`CREATE DATABASE ${d}`);
        made.push(d);
      }
      return names.map((d): FleetTarget => ({ id: d, url: urlForDatabase(`${serverUrl}/postgres`, d), schema: null }));
    };
    const psqlLoop = (targets: FleetTarget[]) => {
      for (const t of targets) {
        execFileSync('psql', ['-q', '-X', '-v', 'ON_ERROR_STOP=1', '-1', '-f', upSql, t.url], {
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { ...process.env, ...(t.schema ? { PGOPTIONS: `-c search_path=${t.schema}` } : {}) },
        });
      }
    };
    const fleet = (parallel: number) => async (targets: FleetTarget[]) => {
      const r = await migrateFleetUp(targets, files, { parallel });
      failed += r.filter((x) => x.status !== 'ok').length;
    };
    for (const [kind, n, fresh] of [
      ['schemas', schemas, freshSchemas],
      ['databases', databases, freshDbs],
    ] as const) {
      const runs: Run[] = [];
      const cases: [string, (t: FleetTarget[]) => Promise<void> | void][] = [
        ['psql -f loop', psqlLoop],
        ['fleet --parallel 1', fleet(1)],
        ['fleet --parallel 4', fleet(4)],
      ];
      for (const [label, fn] of cases) {
        process.stderr.write(`[bench] fleet: ${n} ${kind}: ${label}\n`);
        const targets = await fresh(label.replace(/\W+/g, '_').replace(/^_|_$/g, ''));
        runs.push(await timed(label, n, () => fn(targets)));
      }
      rows.push({ kind, n, runs });
    }
    await tenantsDb.close();
  } finally {
    for (const d of made) await admin.exec(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`).catch(() => undefined);
    await admin.close();
    rmSync(root, { recursive: true, force: true });
  }
  const lines = [
    `## Fleet: migrate up of a ${STATEMENTS}-statement migration`,
    '',
    '| targets | runner | seconds | targets/s | vs psql loop |',
    '|---|---|---:|---:|---:|',
  ];
  for (const r of rows) {
    const base = r.runs[0]?.perSecond ?? NaN;
    for (const x of r.runs)
      lines.push(`| ${r.n} ${r.kind} | ${x.label} | ${x.seconds.toFixed(2)} | ${x.perSecond.toFixed(1)} | ${(x.perSecond / base).toFixed(2)}× |`);
  }
  if (failed) lines.push('', `${failed} target(s) failed`);
  process.stdout.write(lines.join('\n') + '\n');
  return failed ? 1 : 0;
}
