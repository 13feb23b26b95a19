import { basename, resolve } from 'node:path';
import { createBackup, listBackups, parseAge, pruneBackups, type BackupKind, type BackupMeta, type ListedBackup } from '../backup';
import { formatBytes, SchemakitError } from '../util';
import { using, type Outcome } from './commands';
import { progress } from './progress';
import { cliTarget, openResolved, projectConfig, type TargetOptions } from './target';

/** Options of `schemakit backup`. */
export interface BackupOptions extends TargetOptions {
  readonly out?: string;
  readonly schemaOnly?: boolean;
  readonly dataOnly?: boolean;
  readonly table?: string[];
  readonly compress?: string;
  readonly json?: boolean;
}

/** The backup folder: `--out`, else the env's requireBackup folder, else `.schemakit/backups` of the project. */
function backupDir(opts: { out?: string; config?: string }, policyDir: string | null = null): string {
  return opts.out ? resolve(opts.out) : (policyDir ?? resolve(projectConfig(opts).root, '.schemakit', 'backups'));
}

const holds = (m: BackupMeta) =>
  `${m.kind}${m.only ? ` of ${m.only.join(', ')}` : ''}, ${m.tables.length} table${m.tables.length === 1 ? '' : 's'}${m.kind === 'schema-only' ? '' : `, ${m.tables.reduce((s, t) => s + (t.rows ?? 0), 0)} rows`}`;

/** `schemakit backup`: a dump plus its sidecar; exit 0, or 1 on an error. */
export async function runBackup(opts: BackupOptions): Promise<Outcome> {
  if (opts.schemaOnly && opts.dataOnly) throw new SchemakitError('cli', 'bad-option', '--schema-only and --data-only exclude each other');
  const compress = opts.compress === undefined ? undefined : Number(opts.compress);
  if (compress !== undefined && !/^\d$/.test(opts.compress!))
    throw new SchemakitError('cli', 'bad-option', `--compress must be an integer from 0 to 9, not ${JSON.stringify(opts.compress)}`);
  const kind: BackupKind = opts.schemaOnly ? 'schema-only' : opts.dataOnly ? 'data-only' : 'full';
  const t = cliTarget(opts);
  const dir = backupDir(opts, t.policy.requireBackup);
  const line = progress();
  const db = await openResolved(t.target);
  const { file, meta } = await using([db], () =>
    createBackup(db, {
      dir,
      kind,
      tables: opts.table,
      compress,
      onProgress: line.enabled ? (n) => line.show('backing up', `${formatBytes(n)} written`) : undefined,
    }),
  ).finally(() => line.clear());
  // Into the env's policy folder, a policy keep: N prunes it as a backup before a change does.
  const keep = opts.out === undefined && t.policy.requireBackup !== null ? t.policy.backupKeep : null;
  const pruned = keep === null ? [] : pruneBackups(dir, { keep }).removed;
  if (opts.json) return { stdout: JSON.stringify({ ...meta, path: file, sidecar: `${file}.json`, pruned: pruned.map((b) => b.file) }, null, 2), exitCode: 0 };
  return {
    stdout:
      `Backed up ${meta.database} (${holds(meta)}) to ${file} (${formatBytes(meta.bytes)}, ${meta.durationMs} ms); metadata in ${basename(file)}.json` +
      `\n  migration head: ${meta.migrationHead ? `${meta.migrationHead.version} ${meta.migrationHead.name}` : 'none'}; catalog ${meta.catalogHash.slice(0, 12)}; sha256 ${meta.sha256.slice(0, 12)}` +
      (pruned.length ? `\n  deleted ${pruned.length} older backup(s) (policy requireBackup.keep: ${keep})` : ''),
    exitCode: 0,
  };
}

const entry = (b: ListedBackup) => ({
  file: b.file,
  createdAt: b.meta.createdAt,
  kind: b.meta.kind,
  only: b.meta.only,
  engine: b.meta.engine,
  database: b.meta.database,
  bytes: b.meta.bytes,
  migrationHead: b.meta.migrationHead,
  tables: b.meta.tables.length,
  rows: b.meta.kind === 'schema-only' ? null : b.meta.tables.reduce((s, t) => s + (t.rows ?? 0), 0),
});
const line = (b: ListedBackup) =>
  `${b.meta.createdAt}  ${basename(b.file)}  ${formatBytes(b.meta.bytes)}  ${holds(b.meta)}${b.meta.migrationHead ? `  head ${b.meta.migrationHead.version}` : ''}`;

/** `schemakit backup list`: newest first. */
export async function runBackupList(opts: { out?: string; config?: string; json?: boolean }): Promise<Outcome> {
  const dir = backupDir(opts);
  const all = listBackups(dir);
  if (opts.json) return { stdout: JSON.stringify({ dir, backups: all.map(entry) }, null, 2), exitCode: 0 };
  return { stdout: all.length ? all.map(line).join('\n') : `No backups in ${dir}.`, exitCode: 0 };
}

/** `schemakit backup prune --keep N | --older-than AGE [--dry-run]`. */
export async function runBackupPrune(opts: {
  out?: string;
  config?: string;
  keep?: string;
  olderThan?: string;
  dryRun?: boolean;
  json?: boolean;
}): Promise<Outcome> {
  if (opts.keep === undefined && opts.olderThan === undefined)
    throw new SchemakitError('cli', 'bad-option', 'backup prune needs --keep N or --older-than AGE (e.g. 30d)');
  if (opts.keep !== undefined && !/^\d+$/.test(opts.keep))
    throw new SchemakitError('cli', 'bad-option', `--keep must be a whole number, not ${JSON.stringify(opts.keep)}`);
  const dir = backupDir(opts);
  const r = pruneBackups(dir, {
    keep: opts.keep === undefined ? undefined : Number(opts.keep),
    olderThanMs: opts.olderThan === undefined ? undefined : parseAge(opts.olderThan),
    dryRun: opts.dryRun,
  });
  if (opts.json)
    return { stdout: JSON.stringify({ dir, dryRun: !!opts.dryRun, removed: r.removed.map(entry), kept: r.kept.map(entry) }, null, 2), exitCode: 0 };
  const verb = opts.dryRun ? 'Would delete' : 'Deleted';
  return {
    stdout: [...r.removed.map((b) => `${verb} ${basename(b.file)} (+ .json)`), `${verb} ${r.removed.length}, kept ${r.kept.length} in ${dir}.`].join('\n'),
    exitCode: 0,
  };
}
