#!/usr/bin/env node
/**
 * Dev check of the fixture corpus (test/fixtures/<case>/): validates every expect.json and runs each
 * a.sql / b.sql on a fresh database of both engines, the PostgreSQL server (psql -v ON_ERROR_STOP=1,
 * one temporary database per script) and PGlite (PostgreSQL 18 in WASM, one clone per script).
 * On the server it also compares `pg_dump --schema-only` of A and B: `empty-*` cases must dump
 * identically (A and B differ only in spelling), every other case must not; on PGlite the same check
 * uses a catalog fingerprint query instead of pg_dump.
 *
 * Usage: node scripts/check-fixtures.js [--url postgres://root@127.0.0.1:5432/postgres] [--no-server]
 *        [--no-pglite] [case-name-substring…]
 * Exit code 1 when any check failed. This is a dev script, not library code: it prints.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFile } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const fixturesDir = path.join(root, 'test', 'fixtures');
const hazardKinds = ['access-exclusive-lock', 'deletes-data', 'index-build', 'irreversible', 'may-fail-on-data', 'table-rewrite'];
const renameKeys = {
  tables: ['schema', 'from', 'to'],
  columns: ['schema', 'table', 'from', 'to'],
  indexes: ['schema', 'from', 'to'],
  constraints: ['schema', 'table', 'from', 'to'],
  enums: ['schema', 'from', 'to'],
  enumValues: ['schema', 'enum', 'from', 'to'],
};
/** Contrib extensions that PGlite only provides when loaded at construction (module name = export name). */
const pgliteContrib = { pgcrypto: 'pgcrypto', citext: 'citext', hstore: 'hstore', pg_trgm: 'pg_trgm', btree_gist: 'btree_gist', btree_gin: 'btree_gin', 'uuid-ossp': 'uuid_ossp' };

const args = process.argv.slice(2);
const opt = (name) => args.includes(name);
const urlAt = args.indexOf('--url');
const serverUrl = urlAt >= 0 ? args[urlAt + 1] : process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/postgres';
const filters = args.filter((a, i) => !a.startsWith('--') && (urlAt < 0 || i !== urlAt + 1));

/** Returns the list of problems with one case's expect.json (empty when valid). */
function validateExpect(name, dir) {
  const problems = [];
  if (!/^[a-z0-9]+(-[a-z0-9]+)+$/.test(name)) problems.push('name is not kebab-case <area>-<what>');
  for (const f of ['a.sql', 'b.sql', 'expect.json']) if (!fs.existsSync(path.join(dir, f))) problems.push(`missing ${f}`);
  let e;
  try {
    e = JSON.parse(fs.readFileSync(path.join(dir, 'expect.json'), 'utf8'));
  } catch (err) {
    return [...problems, `expect.json: ${err.message}`];
  }
  const known = ['description', 'hazards', 'reversible', 'renames', 'extensions'];
  for (const k of Object.keys(e)) if (!known.includes(k)) problems.push(`expect.json: unknown key ${k}`);
  if (typeof e.description !== 'string' || e.description.length < 10) problems.push('description missing');
  if (typeof e.reversible !== 'boolean') problems.push('reversible must be boolean');
  if (!Array.isArray(e.hazards)) problems.push('hazards must be an array');
  else {
    for (const h of e.hazards) if (!hazardKinds.includes(h)) problems.push(`unknown hazard ${h}`);
    const sorted = [...new Set(e.hazards)].sort();
    if (JSON.stringify(sorted) !== JSON.stringify(e.hazards)) problems.push('hazards must be a sorted set');
    if (e.hazards.includes('irreversible') === e.reversible) problems.push('irreversible hazard and reversible disagree');
  }
  if (name.startsWith('empty-') && (e.hazards?.length || e.renames)) problems.push('empty-* case with hazards or renames');
  if (e.renames !== undefined) {
    for (const [k, list] of Object.entries(e.renames)) {
      if (!renameKeys[k]) { problems.push(`renames: unknown key ${k}`); continue; }
      for (const r of list) {
        const ks = Object.keys(r).sort();
        if (JSON.stringify(ks) !== JSON.stringify([...renameKeys[k]].sort())) problems.push(`renames.${k}: expected keys ${renameKeys[k]}`);
      }
    }
  }
  if (e.extensions !== undefined) for (const x of e.extensions) if (!pgliteContrib[x]) problems.push(`extensions: unknown ${x}`);
  return problems;
}

/** Runs a command, resolving with its stdout; rejects with its stderr in the message. */
function run(cmd, argv, env) {
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      if (err) reject(new Error(String(stderr || err.message).trim().split('\n').slice(0, 3).join(' | ')));
      else resolve(stdout);
    });
  });
}

let dbCounter = 0;
/** Applies one script to a fresh server database and returns its schema dump (header, comments and the random `\restrict` keys of pg_dump 15.14+ stripped). */
async function serverRun(file) {
  const admin = new URL(serverUrl);
  const name = `fx_${process.pid}_${++dbCounter}`;
  const url = new URL(serverUrl);
  url.pathname = '/' + name;
  await run('psql', ['-X', '-q', admin.toString(), '-c', `CREATE DATABASE "${name}"`]);
  try {
    await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url.toString(), '-f', file], { PGOPTIONS: '--client-min-messages=warning' });
    const dump = await run('pg_dump', ['--schema-only', '--no-owner', url.toString()]);
    return dump.split('\n').filter((l) => l && !l.startsWith('--') && !l.startsWith('\\') && !l.startsWith('SET ') && !l.startsWith('SELECT pg_catalog.set_config')).join('\n');
  } finally {
    await run('psql', ['-X', '-q', admin.toString(), '-c', `DROP DATABASE IF EXISTS "${name}"`]);
  }
}

/** Runs `fn` on every item with at most `n` in flight. */
async function pool(items, n, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => { while (next < items.length) await fn(items[next++]); }));
}

/** A catalog fingerprint query for PGlite (no pg_dump there): every user object as PostgreSQL prints it. */
const fingerprintSql = `
WITH ns AS (SELECT oid, nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema')
SELECT 'schema ' || nspname || ' ' || coalesce(obj_description(oid, 'pg_namespace'), '') AS x FROM ns
UNION ALL SELECT 'ext ' || extname || ' ' || extnamespace::regnamespace || ' ' || coalesce(obj_description(oid, 'pg_extension'), '') FROM pg_extension
UNION ALL SELECT 'enum ' || t.typnamespace::regnamespace || '.' || t.typname || ' ' || (SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = t.oid) || ' ' || coalesce(obj_description(t.oid, 'pg_type'), '')
  FROM pg_type t JOIN ns ON ns.oid = t.typnamespace WHERE t.typtype = 'e'
UNION ALL SELECT 'table ' || c.oid::regclass || ' ' || coalesce(obj_description(c.oid, 'pg_class'), '') || ' ' || coalesce((SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' ' || a.attidentity::text || a.attgenerated::text || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' ' || a.attcollation::regcollation::text || ' ' || coalesce(col_description(c.oid, a.attnum), ''), '; ' ORDER BY a.attnum)
    FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '')
  FROM pg_class c JOIN ns ON ns.oid = c.relnamespace WHERE c.relkind = 'r'
UNION ALL SELECT 'con ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || coalesce(obj_description(oid, 'pg_constraint'), '')
  FROM pg_constraint WHERE contype IN ('p', 'u', 'c', 'f') AND connamespace IN (SELECT oid FROM ns)
UNION ALL SELECT 'idx ' || pg_get_indexdef(c.oid) || ' ' || coalesce(obj_description(c.oid, 'pg_class'), '')
  FROM pg_class c JOIN ns ON ns.oid = c.relnamespace WHERE c.relkind = 'i'
ORDER BY 1`;

async function main() {
  const cases = fs.readdirSync(fixturesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && (filters.length === 0 || filters.some((f) => d.name.includes(f))))
    .map((d) => d.name).sort();
  const failures = [];
  const fail = (c, msg) => { failures.push(`${c}: ${msg}`); console.log(`FAIL ${c}: ${msg}`); };
  const expects = new Map();
  for (const c of cases) {
    const problems = validateExpect(c, path.join(fixturesDir, c));
    for (const p of problems) fail(c, p);
    try { expects.set(c, JSON.parse(fs.readFileSync(path.join(fixturesDir, c, 'expect.json'), 'utf8'))); } catch { expects.set(c, {}); }
  }

  if (!opt('--no-server')) {
    await pool(cases, 8, async (c) => {
      const dumps = {};
      for (const side of ['a', 'b']) {
        try {
          dumps[side] = await serverRun(path.join(fixturesDir, c, `${side}.sql`));
        } catch (err) {
          fail(c, `server ${side}.sql: ${err.message}`);
        }
      }
      if (dumps.a !== undefined && dumps.b !== undefined) {
        const same = dumps.a === dumps.b;
        if (c.startsWith('empty-') && !same) fail(c, 'server: A and B dump differently but the case expects an empty plan');
        if (!c.startsWith('empty-') && same) fail(c, 'server: A and B dump identically; the case expects changes');
      }
    });
    console.log(`server: ran ${cases.length} cases`);
  }

  if (!opt('--no-pglite')) {
    const { PGlite } = require('@electric-sql/pglite');
    const extensions = {};
    for (const c of cases) for (const x of expects.get(c).extensions || []) {
      const mod = pgliteContrib[x];
      extensions[mod] = require(`@electric-sql/pglite/contrib/${mod}`)[mod];
    }
    const base = new PGlite({ extensions });
    await base.query('SELECT 1');
    for (const c of cases) {
      const prints = {};
      for (const side of ['a', 'b']) {
        const db = await base.clone();
        try {
          await db.exec(fs.readFileSync(path.join(fixturesDir, c, `${side}.sql`), 'utf8'));
          prints[side] = (await db.query(fingerprintSql)).rows.map((r) => r.x).join('\n');
        } catch (err) {
          fail(c, `pglite ${side}.sql: ${err.message}`);
        } finally {
          await db.close();
        }
      }
      if (prints.a !== undefined && prints.b !== undefined) {
        const same = prints.a === prints.b;
        if (c.startsWith('empty-') && !same) fail(c, 'pglite: A and B catalogs differ but the case expects an empty plan');
        if (!c.startsWith('empty-') && same) fail(c, 'pglite: A and B catalogs are identical; the case expects changes');
      }
    }
    await base.close();
    console.log(`pglite: ran ${cases.length} cases`);
  }

  console.log(`${cases.length} cases, ${failures.length} failures`);
  process.exitCode = failures.length ? 1 : 0;
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
