/**
 * Fleet at the scale (`npm run bench -- --fleet-scale 1000,100`): S tenant schemas in one database
 * and D tenant databases on the server, each planned, migrated (a 20-statement migration), planned again,
 * checked and examined with ONE `schemakit` command per step, the real binary with `--env FLEET --json`.
 * One schema and one database are broken on purpose (a conflicting `accounts` table): `migrate up` must
 * fail there alone and name them, and `plan` must show them as drift. Prints a table of seconds and
 * targets/second per command. Every database it made is dropped at the end, also after a failure.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectPostgres } from '../src/db';

const BIN = resolve(__dirname, '../../bin/schemakit.js');
const EXTRA_COLUMNS = 17;

/** The 20-statement migration (unqualified: it lands in each tenant's schema, or in public). */
function migrationSql(): string {
  const lines = ['CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());'];
  for (let i = 1; i <= EXTRA_COLUMNS; i++) lines.push(`ALTER TABLE accounts ADD COLUMN c${i} integer;`);
  lines.push('CREATE INDEX accounts_email ON accounts (email);');
  return lines.join('\n') + '\n';
}

/** The same table declared; `tenant` declares it in `schema(tenant('app'))`, else in public. */
function declaration(tenant: boolean): string {
  const cols = Array.from({ length: EXTRA_COLUMNS }, (_, i) => `    c${i + 1}: c.integer(),`).join('\n');
  return `import { c, index, schema, sql, table, tenant } from 'schemakit';
${tenant ? "export const app = schema(tenant('app'));\n" : ''}export const accounts = table(${tenant ? 'app' : "'public'"}, 'accounts', {
  columns: {
    id: c.bigint().primaryKey(),
    email: c.text().notNull(),
    created_at: c.timestamptz().notNull().default(sql\`now()\`),
${cols}
  },
  indexes: (t) => [index('accounts_email').on(t.email)],
});
`;
}

interface Step {
  readonly fleet: string;
  readonly command: string;
  readonly targets: number;
  readonly seconds: number;
  readonly exit: number | null;
  readonly ok: number | null;
  readonly failed: number | null;
  readonly named: string;
}

function cli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Runs the benchmark; 0 unless a command failed. */
export async function runFleetScaleBench(serverUrl: string, schemas: number, databases: number, parallel = 4): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), 'schemakit-fleet-scale-'));
  const tag = `skfs_${Date.now().toString(36)}`;
  const admin = await connectPostgres(`${serverUrl}/postgres`);
  const made: string[] = [];
  const steps: Step[] = [];
  let failed = 0;
  try {
    mkdirSync(join(root, 'migrations', '0001_accounts'), { recursive: true });
    writeFileSync(join(root, 'migrations', '0001_accounts', 'up.sql'), migrationSql());
    for (const [dir, tenant] of [
      ['schema-tenants', true],
      ['schema-dbs', false],
    ] as const) {
      mkdirSync(join(root, dir));
      writeFileSync(join(root, dir, 'accounts.ts'), declaration(tenant));
    }
    writeFileSync(
      join(root, 'schemakit.yaml'),
      `paths:\n  migrations: migrations\nenvs:
  schemas:
    url: ${serverUrl}/postgres
    databases: ${tag}_tenants
    schemaPattern: tenant\\_%
    parallel: ${parallel}
  databases:
    url: ${serverUrl}/postgres
    databases: ${tag}\\_db\\_%
    parallel: ${parallel}
`,
    );
    process.stderr.write(`[bench] fleet-scale: creating ${schemas} schemas and ${databases} databases\n`);
    await admin.exec(`CREATE DATABASE ${tag}_tenants`);
    made.push(`${tag}_tenants`);
    const tenants = await connectPostgres(`${serverUrl}/${tag}_tenants`);
    for (let i = 0; i < schemas; i += 500) {
      await tenants.exec(Array.from({ length: Math.min(500, schemas - i) }, (_, j) => `CREATE SCHEMA tenant_${String(i + j).padStart(5, '0')};`).join('\n'));
    }
    const broken = ['tenant_00007', `${tag}_db_0003`];
    const hasBroken = { schemas: schemas > 7, databases: databases > 3 };
    if (hasBroken.schemas) await tenants.exec(`CREATE TABLE ${broken[0]}.accounts (id bigint PRIMARY KEY, title text)`);
    await tenants.close();
    for (let i = 0; i < databases; i++) {
      const d = `${tag}_db_${String(i).padStart(4, '0')}`;
      await admin.exec(`CREATE DATABASE ${d}`);
      made.push(d);
    }
    if (hasBroken.databases) {
      const b = await connectPostgres(`${serverUrl}/${broken[1]}`);
      await b.exec('CREATE TABLE accounts (id bigint PRIMARY KEY, title text)');
      await b.close();
    }
    const commands: [string, string[]][] = [
      ['plan (before)', ['plan']],
      ['migrate up', ['migrate', 'up']],
      ['plan (after)', ['plan']],
      ['check', ['check']],
      ['health', ['health']],
    ];
    for (const [fleet, n, schemaDir] of [
      ['schemas', schemas, 'schema-tenants'],
      ['databases', databases, 'schema-dbs'],
    ] as const) {
      for (const [label, args] of commands) {
        process.stderr.write(`[bench] fleet-scale: ${label} --env ${fleet}\n`);
        const t0 = performance.now();
        const r = await cli([...args, '--env', fleet, '--schema', schemaDir, '--json'], root);
        const seconds = (performance.now() - t0) / 1000;
        let ok: number | null = null;
        let bad: number | null = null;
        let named = '';
        try {
          const doc = JSON.parse(r.stdout) as {
            ok?: number;
            failed?: number | unknown[];
            groups?: { targets: string[] }[];
            results?: { target: string; status: string }[];
          };
          ok = typeof doc.ok === 'number' ? doc.ok : null;
          bad = Array.isArray(doc.failed) ? doc.failed.length : (doc.failed ?? null);
          named = (doc.results ?? [])
            .filter((x) => x.status === 'failed')
            .map((x) => x.target.replace(/^[^/]*\//, ''))
            .join(', ');
          // plan: targets in the largest state, and the drifted ones by name.
          if (doc.groups) {
            ok = doc.groups[0]?.targets.length ?? 0;
            named = doc.groups
              .slice(1)
              .flatMap((g) => g.targets)
              .map((t) => `drift ${t.replace(/^[^/]*\//, '')}`)
              .join(', ');
          }
        } catch {
          process.stderr.write(`[bench] ${label} --env ${fleet}: no JSON (exit ${r.code}): ${r.stderr.slice(0, 500)}\n`);
        }
        // plan exits 2 when there are changes; migrate up exits 1 for the broken target.
        const expected = label === 'plan (before)' ? 2 : !hasBroken[fleet] ? 0 : label === 'plan (after)' ? 2 : label === 'migrate up' ? 1 : 0;
        if (r.code !== expected) failed++;
        steps.push({ fleet, command: label, targets: n, seconds, exit: r.code, ok, failed: bad, named });
      }
    }
  } finally {
    for (const d of made) await admin.exec(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`).catch(() => undefined);
    await admin.close();
    rmSync(root, { recursive: true, force: true });
  }
  const lines = [
    `## Fleet at scale: one command per step (--parallel ${parallel})`,
    '',
    '| fleet | command | seconds | targets/s | exit | ok (plan: largest state) | failed | named |',
    '|---|---|---:|---:|---:|---:|---:|---|',
    ...steps.map(
      (s) =>
        `| ${s.targets} ${s.fleet} | ${s.command} | ${s.seconds.toFixed(1)} | ${(s.targets / s.seconds).toFixed(1)} | ${s.exit} | ${s.ok ?? '-'} | ${s.failed ?? '-'} | ${s.named} |`,
    ),
  ];
  if (failed) lines.push('', `${failed} command(s) exited unexpectedly`);
  process.stdout.write(lines.join('\n') + '\n');
  return failed ? 1 : 0;
}
