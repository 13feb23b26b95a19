import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Db } from '../db';
import { adjacentPairs, SchemakitError, sha256 } from '../util';
import { ensureHistory, readHistory } from './history';
import { readMigrations } from './migration-files';

/** One migration of a foreign layout, as schemakit will store it. */
export interface ImportedMigration {
  /** schemakit's version: the leading number, 4 digits (or 14, a timestamp). */
  readonly version: string;
  readonly name: string;
  /** The source's own name (directory, or file name without `.sql`): what its history recorded. */
  readonly source: string;
  /** Files the up script was made from, relative to the working directory, in order. */
  readonly files: readonly string[];
  readonly up: string;
  readonly down: string | null;
  readonly downFile: string | null;
  /** Transaction control lines removed (schemakit runs each migration in its own transaction). */
  readonly strippedTransaction: boolean;
}

const LEADING = /^(\d+)[_-]?(.*)$/;
const shown = (p: string) => relative(process.cwd(), p) || p;

function versionOf(digits: string, where: string): string {
  if (digits.length === 14) return digits;
  if (digits.length > 4) throw new SchemakitError('migrate', 'bad-import', `${where}: version ${digits} is neither NNNN nor a 14-digit timestamp`);
  return digits.padStart(4, '0');
}

const nameOf = (rest: string, fallback: string) =>
  rest
    .replace(/\.sql$/i, '')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '') || fallback;

/** Removes whole-line BEGIN;/COMMIT; (the migration runs in schemakit's transaction). */
function stripTransaction(sql: string): { sql: string; stripped: boolean } {
  const re = /^[ \t]*(BEGIN|START TRANSACTION|COMMIT|END)(?:[ \t]+(?:WORK|TRANSACTION))?[ \t]*;[ \t]*$/gim;
  const out = sql.replace(re, '-- (schemakit import: transaction control removed; each migration runs in its own transaction)');
  return { sql: out, stripped: out !== sql };
}

/**
 * Reads a seed-style migrations folder: a directory per migration (`up.sql` + `down.sql`, or several `.sql`
 * files run in name order, `down.sql`/`rollback*.sql` being the down script), or flat `NNN_name.sql` files
 * with their down scripts in `rollback/NNN_*.sql`. Versions are the leading numbers.
 */
export function readForeignMigrations(source: string): ImportedMigration[] {
  if (!existsSync(source) || !statSync(source).isDirectory()) throw new SchemakitError('migrate', 'bad-import', `${shown(source)}: not a directory`);
  const rollbackDir = join(source, 'rollback');
  const rollbacks = existsSync(rollbackDir)
    ? readdirSync(rollbackDir)
        .filter((f) => f.toLowerCase().endsWith('.sql'))
        .sort()
    : [];
  const out: ImportedMigration[] = [];
  const problems: string[] = [];
  for (const entry of readdirSync(source).sort()) {
    const path = join(source, entry);
    if (entry.startsWith('.') || entry === 'rollback') continue;
    const m = LEADING.exec(entry);
    const isDir = statSync(path).isDirectory();
    if (!m || (!isDir && !entry.toLowerCase().endsWith('.sql'))) {
      problems.push(`${shown(path)}: not NNN_name.sql nor a NNN_name/ directory`);
      continue;
    }
    const [, digits = '', rest = ''] = m;
    let version: string;
    try {
      version = versionOf(digits, shown(path));
    } catch (e) {
      problems.push((e as Error).message);
      continue;
    }
    const base = isDir ? entry : entry.replace(/\.sql$/i, '');
    const name = nameOf(rest, 'migration');
    let upFiles: string[];
    let downFile: string | null;
    if (isDir) {
      const sqls = readdirSync(path)
        .filter((f) => f.toLowerCase().endsWith('.sql'))
        .sort();
      const isDown = (f: string) => /^(down|rollback)([_.-].*)?\.sql$/i.test(f);
      upFiles = sqls.includes('up.sql') ? ['up.sql'] : sqls.filter((f) => !isDown(f));
      const downs = sqls.filter(isDown);
      if (downs.length > 1) problems.push(`${shown(path)}: several down scripts (${downs.join(', ')})`);
      downFile = downs[0] === undefined ? null : join(path, downs[0]);
      upFiles = upFiles.map((f) => join(path, f));
      if (upFiles.length === 0) problems.push(`${shown(path)}: no .sql file`);
    } else {
      upFiles = [path];
      const matching = rollbacks.filter((f) => {
        const n = LEADING.exec(f)?.[1];
        return n !== undefined && BigInt(n) === BigInt(digits);
      });
      if (matching.length > 1) problems.push(`${shown(rollbackDir)}: several rollbacks for ${entry} (${matching.join(', ')})`);
      downFile = matching[0] === undefined ? null : join(rollbackDir, matching[0]);
    }
    const parts = upFiles.map((f) => ({ f, t: stripTransaction(readFileSync(f, 'utf8')) }));
    const [only] = parts;
    const up = parts.length === 1 && only ? only.t.sql : parts.map((p) => `-- from ${shown(p.f)}\n${p.t.sql.trimEnd()}\n`).join('\n');
    const down = downFile ? stripTransaction(readFileSync(downFile, 'utf8')) : null;
    out.push({
      version,
      name,
      source: base,
      files: upFiles.map(shown),
      up,
      down: down?.sql ?? null,
      downFile: downFile ? shown(downFile) : null,
      strippedTransaction: parts.some((p) => p.t.stripped) || Boolean(down?.stripped),
    });
  }
  const used = new Set(out.map((x) => BigInt(x.version)));
  for (const r of rollbacks) {
    const n = LEADING.exec(r)?.[1];
    if (!n || !used.has(BigInt(n))) problems.push(`${shown(join(rollbackDir, r))}: matches no migration`);
  }
  out.sort((a, b) => (BigInt(a.version) < BigInt(b.version) ? -1 : BigInt(a.version) > BigInt(b.version) ? 1 : 0));
  for (const [a, b] of adjacentPairs(out)) if (a.version === b.version) problems.push(`${a.source} and ${b.source} have the same version ${b.version}`);
  if (problems.length)
    throw new SchemakitError('migrate', 'bad-import', `${problems.length} problem(s) in ${shown(source)}, nothing written: ${problems.join('; ')}`, {
      problems: problems.map((message) => ({ code: 'bad-import', message })),
    });
  return out;
}

/** What writeImported did per migration. */
export interface ImportWrite {
  readonly id: string;
  /** written; same: already there with the same up script; */
  readonly status: 'written' | 'same';
}

/**
 * Writes the migrations into schemakit's directory as `<version>_<name>/{up.sql,down.sql}`. A version already
 * there with a different up script is refused before anything is written.
 */
export function writeImported(dir: string, migrations: readonly ImportedMigration[]): ImportWrite[] {
  const existing = new Map(readMigrations(dir).map((f) => [f.version, f]));
  const conflicts = migrations.filter((m) => existing.has(m.version) && existing.get(m.version)!.checksum !== sha256(m.up));
  if (conflicts.length) {
    throw new SchemakitError(
      'migrate',
      'import-conflict',
      `${shown(dir)} already has version(s) ${conflicts.map((c) => `${c.version} (${existing.get(c.version)!.id})`).join(', ')} with a different up.sql; nothing written`,
    );
  }
  return migrations.map((m) => {
    const had = existing.get(m.version);
    if (had) return { id: had.id, status: 'same' as const };
    const target = join(dir, `${m.version}_${m.name}`);
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'up.sql'), m.up);
    if (m.down !== null) writeFileSync(join(target, 'down.sql'), m.down);
    return { id: `${m.version}_${m.name}`, status: 'written' as const };
  });
}

/** One row adopted from a foreign history table. */
export interface AdoptedRow {
  /** The version as the foreign table wrote it. */
  readonly from: string;
  readonly version: string;
  readonly appliedAt: string;
  readonly status: 'recorded' | 'already';
}

/**
 * Adopts a foreign history table (`schema_migrations(version, applied_at, …)`, found on the search path unless
 * `table` is qualified) into schemakit.migrations, matching each version to a migration by its source name or
 * its number; applied_at is kept. A version matching no migration refuses the whole import (one transaction).
 * The foreign table is left as it is.
 */
export async function adoptHistory(db: Db, migrations: readonly ImportedMigration[], table = 'schema_migrations'): Promise<AdoptedRow[]> {
  const [found] = await db.query<{ oid: string | null; name: string | null }>(
    'SELECT pg_catalog.to_regclass($1)::oid::text AS oid, pg_catalog.to_regclass($1)::text AS name',
    [table],
  );
  if (!found?.oid || !found.name) throw new SchemakitError('migrate', 'no-history', `no table ${table} in the database (name it with --history-table)`);
  const cols = await db.query<{ attname: string }>('SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = $1::oid AND attnum > 0 AND NOT attisdropped', [
    found.oid,
  ]);
  const names = cols.map((c) => c.attname);
  if (!names.includes('version')) throw new SchemakitError('migrate', 'bad-history', `${table} has no version column (columns: ${names.join(', ')})`);
  // Same session both ways: timestamp (without time zone) and timestamptz round-trip through timestamptz text.
  const appliedAt = names.includes('applied_at') ? 'applied_at::timestamptz::text' : 'NULL';
  const rows = await db.query<{ version: string; applied_at: string | null }>(
    `SELECT version::text AS version, ${appliedAt} AS applied_at FROM ${found.name} ORDER BY 1`,
  );
  const match = (v: string) =>
    migrations.find((m) => m.source === v || m.version === v) ??
    (/^\d+/.test(v) ? migrations.find((m) => BigInt(m.version) === BigInt(/^\d+/.exec(v)![0])) : undefined);
  const unmatched = rows.filter((r) => !match(r.version)).map((r) => r.version);
  if (unmatched.length)
    throw new SchemakitError(
      'migrate',
      'bad-history',
      `${table} records version(s) ${unmatched.join(', ')} that match no imported migration; nothing recorded`,
    );
  await ensureHistory(db);
  const have = new Set((await readHistory(db)).map((h) => h.version));
  const out: AdoptedRow[] = [];
  await db.exec('BEGIN');
  try {
    for (const r of rows) {
      const m = match(r.version)!;
      if (have.has(m.version)) {
        out.push({ from: r.version, version: m.version, appliedAt: r.applied_at ?? '', status: 'already' });
        continue;
      }
      await db.query(
        'INSERT INTO schemakit.migrations (version, name, checksum, applied_at, duration_ms, down_sql) VALUES ($1, $2, $3, COALESCE($4::timestamptz, pg_catalog.now()), 0, $5)',
        [m.version, m.name, sha256(m.up), r.applied_at, m.down],
      );
      have.add(m.version);
      out.push({ from: r.version, version: m.version, appliedAt: r.applied_at ?? '', status: 'recorded' });
    }
    await db.exec('COMMIT');
  } catch (e) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return out;
}
