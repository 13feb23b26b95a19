import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTempDatabase, openPglite, restoreBackup, runPgProgram, childConnection } from '../db';
import { ident } from '../sql';
import { SchemakitError } from '../util';
import { describeDatabase } from './create-backup';
import { fileSha256, readSidecar } from './sidecar';
import type { BackupMeta } from './types';

/** One comparison of verifyBackup. */
export interface VerifyCheck {
  readonly check: 'sha256' | 'archive' | 'restore' | 'catalog-hash' | 'row-counts';
  readonly ok: boolean | null;
  /** What differed, or why the check was skipped (ok null). */
  readonly detail: string;
}

/** The verdict of verifyBackup: ok when no check failed. */
export interface VerifyResult {
  readonly file: string;
  readonly ok: boolean;
  readonly checks: readonly VerifyCheck[];
}

/**
 * Verifies a backup without touching any live database: its sha256 against the sidecar, then a restore into a
 * scratch database (a temporary database on `serverUrl`'s server, or a temporary embedded data directory),
 * whose catalog hash and row counts are compared with the sidecar. A data-only backup cannot be restored
 * into an empty database, so only its archive is read.
 */
export async function verifyBackup(file: string, serverUrl: string | null): Promise<VerifyResult> {
  if (!existsSync(file)) throw new SchemakitError('db', 'restore-failed', `backup file ${file} does not exist`);
  const meta = readSidecar(file);
  const checks: VerifyCheck[] = [];
  const sum = await fileSha256(file);
  checks.push({
    check: 'sha256',
    ok: sum === meta.sha256,
    detail: sum === meta.sha256 ? sum : `file has ${sum}, sidecar says ${meta.sha256}: the file is corrupted or was changed`,
  });
  if (sum !== meta.sha256) return { file, ok: false, checks };
  if (meta.engine === 'postgres') {
    if (serverUrl === null)
      throw new SchemakitError(
        'db',
        'bad-option',
        `${file} is a server backup: verify it with --url or --env naming a server (a scratch database is made there)`,
      );
    try {
      await runPgProgram('pg_restore', ['--list', file], childConnection(serverUrl).env, (d) => d, 'bad-backup');
      checks.push({ check: 'archive', ok: true, detail: 'pg_restore reads its table of contents' });
    } catch (err) {
      checks.push({ check: 'archive', ok: false, detail: (err as Error).message });
      return { file, ok: false, checks };
    }
    if (meta.kind === 'data-only') {
      checks.push({ check: 'restore', ok: null, detail: 'a data-only backup cannot be restored into an empty database; catalog and row counts not compared' });
      return { file, ok: true, checks };
    }
    const temp = await createTempDatabase(serverUrl, 'schemakit_verify');
    try {
      await restoreInto(checks, () => (meta.only ? restoreSomeTables(file, temp.db.url!, meta) : restoreBackup(file, { url: temp.db.url! })));
      if (checks.at(-1)?.ok) compare(checks, meta, await describeDatabase(temp.db, meta.only));
    } finally {
      await temp.dispose();
    }
  } else {
    const work = mkdtempSync(join(tmpdir(), 'schemakit-verify-'));
    try {
      const dir = join(work, 'db');
      await restoreInto(checks, () => restoreBackup(file, { pgliteDir: dir }));
      if (checks.at(-1)?.ok) {
        const db = await openPglite({ dataDir: dir });
        try {
          compare(checks, meta, await describeDatabase(db));
        } finally {
          await db.close();
        }
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return { file, ok: checks.every((c) => c.ok !== false), checks };
}

/** A `--table` archive holds no CREATE SCHEMA: the tables' schemas are made first, in the same transaction. */
async function restoreSomeTables(file: string, url: string, meta: BackupMeta): Promise<void> {
  const { dbname, env } = childConnection(url);
  const work = mkdtempSync(join(tmpdir(), 'schemakit-verify-'));
  try {
    const script = join(work, 'restore.sql');
    await runPgProgram('pg_restore', ['--no-password', `--file=${script}`, file], env, (d) => d, 'bad-backup');
    const schemas = [...new Set(meta.tables.map((t) => t.name.slice(0, t.name.indexOf('.'))))].map((s) => `CREATE SCHEMA IF NOT EXISTS ${ident(s)};`).join(' ');
    await runPgProgram(
      'psql',
      ['--no-psqlrc', '--quiet', '--no-password', '--single-transaction', '--set=ON_ERROR_STOP=1', dbname, `--command=${schemas}`, `--file=${script}`],
      env,
      (d) => `restore failed (${d})`,
      'restore-failed',
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function restoreInto(checks: VerifyCheck[], restore: () => Promise<void>): Promise<void> {
  try {
    await restore();
    checks.push({ check: 'restore', ok: true, detail: 'restored into a scratch database' });
  } catch (err) {
    checks.push({ check: 'restore', ok: false, detail: (err as Error).message });
  }
}

function compare(checks: VerifyCheck[], meta: BackupMeta, got: Awaited<ReturnType<typeof describeDatabase>>): void {
  if (meta.only !== null)
    checks.push({ check: 'catalog-hash', ok: null, detail: 'a backup of some tables: the sidecar hash is of the whole database; not compared' });
  else
    checks.push({
      check: 'catalog-hash',
      ok: got.hash === meta.catalogHash,
      detail: got.hash === meta.catalogHash ? got.hash : `restored catalog hashes to ${got.hash}, sidecar says ${meta.catalogHash}`,
    });
  if (meta.kind === 'schema-only') return (checks.push({ check: 'row-counts', ok: null, detail: 'a schema-only backup holds no rows' }), undefined);
  const restored = new Map(got.tables.map((t) => [t.name, t.rows]));
  const diffs = meta.tables
    .filter((t) => restored.get(t.name) !== t.rows)
    .map((t) => `${t.name}: ${restored.get(t.name) ?? 'missing'} rows, sidecar says ${t.rows}`);
  checks.push({
    check: 'row-counts',
    ok: diffs.length === 0,
    detail: diffs.length ? diffs.join('; ') : `${meta.tables.length} tables, ${meta.tables.reduce((s, t) => s + (t.rows ?? 0), 0)} rows`,
  });
}
