import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childConnection, connectPostgres, runPgProgram } from '../db';
import { ident } from '../sql';
import { SchemakitError, redactUrl, must } from '../util';
import { checkBackupSha256, readSidecar } from './sidecar';
import type { BackupTable } from './types';

const UNCHANGED = 'The database was not changed.';

/** Options of restoreTables. */
export interface RestoreTablesOptions {
  /** Drop the live tables first (in the same transaction) instead of refusing when they exist. */
  readonly replace?: boolean;
}

/**
 * Restores some tables (definition, rows, defaults, constraints, indexes, triggers, owned sequences) from a
 * server backup into a live database, in ONE transaction: the archive's sha256 is checked against its sidecar,
 * the entries of those tables are picked from `pg_restore --list` (indexes and sequences by the names the
 * sidecar recorded, since the archive does not say which table an index belongs to), and a table that exists
 * is refused unless `replace` (then dropped first, without CASCADE: a table others reference is refused by
 * PostgreSQL and nothing changes).
 */
export async function restoreTables(
  file: string,
  url: string,
  tables: readonly string[],
  opts: RestoreTablesOptions = {},
): Promise<{ readonly tables: readonly string[] }> {
  if (!existsSync(file)) throw new SchemakitError('db', 'restore-failed', `backup file ${file} does not exist. ${UNCHANGED}`);
  const meta = readSidecar(file);
  if (meta.engine !== 'postgres')
    throw new SchemakitError(
      'db',
      'restore-failed',
      `${file} is an embedded-database backup: restoring single tables needs a server backup (pg_dump). ${UNCHANGED}`,
    );
  if (meta.kind !== 'full')
    throw new SchemakitError(
      'db',
      'restore-failed',
      `${file} is a ${meta.kind} backup: a table needs both its definition and rows (a full backup). ${UNCHANGED}`,
    );
  const wanted = tables.map((t) => (t.includes('.') ? t : `public.${t}`));
  const known = new Map(meta.tables.map((t) => [t.name, t]));
  const missing = wanted.filter((t) => !known.has(t));
  if (missing.length)
    throw new SchemakitError(
      'db',
      'no-such-table',
      `${file} holds no table ${missing.join(', ')} (it holds ${meta.tables.map((t) => t.name).join(', ') || 'none'}). ${UNCHANGED}`,
    );
  await checkBackupSha256(file, UNCHANGED);
  const { dbname, env } = childConnection(url);
  const bad = (detail: string) => `${file} is not a complete pg_dump archive this pg_restore can read (${detail}). ${UNCHANGED}`;
  const toc = await runPgProgram('pg_restore', ['--list', file], env, bad, 'bad-backup');
  const picked = tocEntriesOf(
    toc,
    wanted.map((t) => known.get(t)!),
  );

  const db = await connectPostgres(url);
  let drops: string;
  try {
    const rows = await db.query<{ t: string; e: boolean }>('SELECT t, to_regclass(t) IS NOT NULL AS e FROM unnest($1::text[]) AS t', [
      wanted.map((t) => t.split('.').map(ident).join('.')),
    ]);
    const existing = wanted.filter((t, i) => must(rows[i], `existence of ${t}`).e);
    if (existing.length && !opts.replace)
      throw new SchemakitError(
        'db',
        'table-exists',
        `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''} in ${redactUrl(url)}: pass --replace to drop and restore ${existing.length === 1 ? 'it' : 'them'}. ${UNCHANGED}`,
      );
    drops = existing.map((t) => `DROP TABLE ${t.split('.').map(ident).join('.')};`).join('\n');
  } finally {
    await db.close();
  }
  const work = mkdtempSync(join(tmpdir(), 'schemakit-restore-table-'));
  try {
    const list = join(work, 'toc.list');
    const script = join(work, 'restore.sql');
    writeFileSync(list, picked.join('\n') + '\n');
    await runPgProgram('pg_restore', [`--use-list=${list}`, '--no-password', `--file=${script}`, file], env, bad, 'bad-backup');
    const args = ['--no-psqlrc', '--quiet', '--no-password', '--single-transaction', '--set=ON_ERROR_STOP=1', dbname];
    if (drops.trim()) args.push(`--command=${drops}`);
    args.push(`--file=${script}`);
    await runPgProgram(
      'psql',
      args,
      env,
      (d) => `restoring ${wanted.join(', ')} from ${file} into ${redactUrl(url)} failed and was rolled back (${d}). ${UNCHANGED}`,
      'restore-failed',
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { tables: wanted };
}

/** The `pg_restore --list` lines of these tables' objects (see restoreTables). */
export function tocEntriesOf(toc: string, tables: readonly BackupTable[]): string[] {
  const types = [
    'TABLE DATA',
    'FK CONSTRAINT',
    'SEQUENCE OWNED BY',
    'SEQUENCE SET',
    'ROW SECURITY',
    'CONSTRAINT',
    'DEFAULT',
    'TRIGGER',
    'POLICY',
    'INDEX',
    'SEQUENCE',
    'TABLE',
    'COMMENT',
    'ACL',
  ];
  const out: string[] = [];
  for (const line of toc.split('\n')) {
    const entry = /^\d+; \d+ \d+ (.*)$/.exec(line.trim())?.[1];
    if (entry === undefined) continue;
    const type = types.find((t) => entry.startsWith(t + ' '));
    if (!type) continue;
    const rest = entry.slice(type.length + 1);
    const body = rest.slice(0, rest.lastIndexOf(' '));
    const hit = tables.some((t) => {
      const [schema, table] = [t.name.slice(0, t.name.indexOf('.')), t.name.slice(t.name.indexOf('.') + 1)];
      if (!body.startsWith(schema + ' ')) return false;
      const b = body.slice(schema.length + 1);
      switch (type) {
        case 'TABLE':
        case 'TABLE DATA':
        case 'ROW SECURITY':
          return b === table;
        case 'CONSTRAINT':
        case 'FK CONSTRAINT':
        case 'DEFAULT':
        case 'TRIGGER':
        case 'POLICY':
          return b.startsWith(table + ' ');
        case 'INDEX':
          return t.indexes.includes(b);
        case 'SEQUENCE':
        case 'SEQUENCE SET':
        case 'SEQUENCE OWNED BY':
          return t.sequences.includes(b);
        case 'COMMENT':
        case 'ACL':
          return b === `TABLE ${table}` || b.startsWith(`COLUMN ${table}.`);
        default:
          return false;
      }
    });
    if (hit) out.push(line.trim());
  }
  return out;
}
