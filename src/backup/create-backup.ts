import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve, basename } from 'node:path';
import { childConnection, connectPostgres, pgliteInstanceOf, queryRow, type Db } from '../db';
import { introspect } from '../introspect';
import { catalogHash, hashedOn, readHistory } from '../migrate';
import { packageRoot } from '../load/package-root';
import { ident, literal } from '../sql';
import { SchemakitError, redactText } from '../util';
import { fileSha256, writeSidecar } from './sidecar';
import type { BackupKind, BackupMeta, BackupTable } from './types';

/** Options of createBackup. */
export interface CreateBackupOptions {
  /** Folder of the backup and its sidecar (created when missing). */
  readonly dir: string;
  readonly kind?: BackupKind;
  /** Only these tables (`schema.table` or `table`, as pg_dump -t); server only. */
  readonly tables?: readonly string[];
  /** pg_dump compression level 0-9; server only. */
  readonly compress?: number;
  /** Called with the bytes written so far while pg_dump runs (for a progress line). */
  readonly onProgress?: (bytes: number) => void;
}

/** A backup written by createBackup: the file and its metadata (also in `<file>.json`). */
export interface CreatedBackup {
  readonly file: string;
  readonly meta: BackupMeta;
}

const stamp = () =>
  new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/(\.\d+)Z$/, '$1Z')
    .replace('.', '-');

/** The version of schemakit from its package.json. */
export function schemakitVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Backs up a database with metadata: `pg_dump -Fc` (full, schema-only or data-only, optionally some tables,
 * at a compression level) for a server, the data directory (PGlite dumpDataDir, gzip) for the embedded engine.
 * On a server the sidecar's catalog hash and exact row counts are read in the very snapshot pg_dump dumps
 * (`pg_export_snapshot` + `pg_dump --snapshot`), so they describe the file exactly even under concurrent writes.
 */
export async function createBackup(db: Db, opts: CreateBackupOptions): Promise<CreatedBackup> {
  const kind = opts.kind ?? 'full';
  const only = opts.tables && opts.tables.length ? [...opts.tables] : null;
  if (opts.compress !== undefined && (!Number.isInteger(opts.compress) || opts.compress < 0 || opts.compress > 9)) {
    throw new SchemakitError('db', 'bad-option', `--compress must be an integer from 0 to 9, not ${opts.compress}`);
  }
  if (db.engine === 'pglite' && (kind !== 'full' || only || opts.compress !== undefined)) {
    throw new SchemakitError(
      'db',
      'bad-option',
      'the embedded engine backs up its whole data directory: --schema-only, --data-only, --table and --compress need a server database',
    );
  }
  const dir = resolve(opts.dir);
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const database = String((await queryRow<{ d: string }>(db, 'SELECT current_database() AS d')).d);
  const file =
    db.engine === 'postgres' ? join(dir, `${database.replace(/[^A-Za-z0-9_.-]/g, '_')}-${stamp()}-${kind}.dump`) : join(dir, `pglite-${stamp()}-full.tar.gz`);
  try {
    const described = db.engine === 'postgres' ? await dumpServer(db, file, kind, only, opts) : await dumpEmbedded(db, file);
    const meta: BackupMeta = {
      format: 'schemakit-backup/1',
      file: basename(file),
      kind,
      only,
      engine: db.engine,
      serverVersion: described.serverVersion,
      hashedOn: hashedOn(db),
      schemakitVersion: schemakitVersion(),
      database,
      createdAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      migrationHead: described.head,
      catalogHash: described.hash,
      compress: opts.compress ?? null,
      bytes: statSync(file).size,
      sha256: await fileSha256(file),
      tables: kind === 'schema-only' ? described.tables.map((t) => ({ ...t, rows: null })) : described.tables,
    };
    writeSidecar(file, meta);
    return { file, meta };
  } catch (err) {
    rmSync(file, { force: true });
    throw err;
  }
}

interface Described {
  readonly serverVersion: string;
  readonly head: BackupMeta['migrationHead'];
  readonly hash: string;
  readonly tables: BackupTable[];
}

/** Catalog hash, migration head and tables (exact counts, estimates, indexes, owned sequences) of `db` as it is now. */
export async function describeDatabase(db: Db, only: readonly string[] | null = null): Promise<Described> {
  const serverVersion = String((await queryRow<{ v: string }>(db, "SELECT current_setting('server_version') AS v")).v);
  const history = await readHistory(db);
  const last = history.at(-1);
  const hash = catalogHash(await introspect(db));
  const rows = await db.query<{ s: string; t: string; est: number; idx: string[] | null; seq: string[] | null }>(`
    SELECT n.nspname AS s, c.relname AS t, c.reltuples::float8 AS est,
      (SELECT array_agg(ic.relname::text ORDER BY ic.relname) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
        WHERE i.indrelid = c.oid AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = c.oid)) AS idx,
      (SELECT array_agg(sc.relname::text ORDER BY sc.relname) FROM pg_depend d JOIN pg_class sc ON sc.oid = d.objid AND sc.relkind = 'S'
        WHERE d.refobjid = c.oid AND d.deptype IN ('a', 'i') AND d.classid = 'pg_class'::regclass) AS seq
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'schemakit')
      AND n.nspname NOT LIKE 'pg\\_%'
    ORDER BY 1, 2`);
  const wanted = only === null ? null : new Set(only.map((o) => (o.includes('.') ? o : `public.${o}`)));
  const tables: BackupTable[] = [];
  for (const r of rows) {
    const name = `${r.s}.${r.t}`;
    if (wanted && !wanted.has(name)) continue;
    const n = await queryRow<{ n: string }>(db, `SELECT count(*)::text AS n FROM ${ident(r.s)}.${ident(r.t)}`);
    tables.push({ name, rows: Number(n.n), estimatedRows: Number(r.est), indexes: r.idx ?? [], sequences: r.seq ?? [] });
  }
  return { serverVersion, head: last ? { version: last.version, name: last.name } : null, hash, tables };
}

async function dumpServer(db: Db, file: string, kind: BackupKind, only: string[] | null, opts: CreateBackupOptions): Promise<Described> {
  if (db.url === null) throw new SchemakitError('db', 'backup-failed', `${db.description}: no connection URL to give pg_dump`);
  // A connection of our own exports a snapshot and holds it open (idle) while pg_dump imports it; a second
  // one imports it too and describes exactly what pg_dump reads (an error there cannot invalidate the export).
  const snap = await connectPostgres(db.url);
  const reader = await connectPostgres(db.url).catch(async (e) => {
    await snap.close();
    throw e;
  });
  try {
    await snap.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = String((await queryRow<{ s: string }>(snap, 'SELECT pg_export_snapshot() AS s')).s);
    await reader.exec(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT ${literal(snapshot)}`);
    const child = childConnection(db.url);
    const args = ['--format=custom', `--file=${file}`, `--snapshot=${snapshot}`];
    if (kind === 'schema-only') args.push('--schema-only');
    if (kind === 'data-only') args.push('--data-only');
    if (opts.compress !== undefined) args.push(`--compress=${opts.compress}`);
    for (const t of only ?? []) args.push(`--table=${t}`);
    args.push(child.dbname);
    // Both run at once; pg_dump is awaited even when describing fails, so the file is not removed under it.
    const [described, dumped] = await Promise.allSettled([describeDatabase(reader, only), runWatched('pg_dump', args, child.env, file, opts.onProgress)]);
    if (described.status === 'rejected') throw described.reason;
    if (dumped.status === 'rejected') throw dumped.reason;
    if (only && described.value.tables.length === 0)
      throw new SchemakitError('db', 'no-such-table', `no table matches --table ${only.join(', ')} in ${db.description}`);
    return described.value;
  } finally {
    await reader.close().catch(() => undefined);
    await snap.close().catch(() => undefined);
  }
}

async function dumpEmbedded(db: Db, file: string): Promise<Described> {
  const pg = pgliteInstanceOf(db);
  if (pg === null) throw new SchemakitError('db', 'backup-failed', `${db.description}: not an embedded database schemakit opened`);
  // PGlite runs one statement at a time in one process: nothing writes between the description and the dump.
  const described = await describeDatabase(db);
  writeFileSync(file, Buffer.from(await (await pg.dumpDataDir('gzip')).arrayBuffer()));
  return described;
}

/** Runs a program (no shell), reporting the size of `file` every 250 ms; a non-zero exit rejects with its stderr (redacted). */
function runWatched(program: string, args: readonly string[], env: NodeJS.ProcessEnv, file: string, onProgress?: (bytes: number) => void): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(program, [...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const err: Buffer[] = [];
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = onProgress
      ? setInterval(() => {
          try {
            onProgress(statSync(file).size);
          } catch {
            /* not created yet */
          }
        }, 250)
      : null;
    child.on('error', (e) => {
      if (timer) clearInterval(timer);
      fail(new SchemakitError('db', `${program}-failed`, `${program} failed: ${e.message}`, { cause: e }));
    });
    child.on('close', (code) => {
      if (timer) clearInterval(timer);
      if (code === 0) return done();
      const detail = redactText(Buffer.concat(err).toString('utf8').trim() || `exit ${code}`, null, [env.PGPASSWORD]);
      fail(new SchemakitError('db', `${program}-failed`, `${program} failed: ${detail}`));
    });
  });
}
