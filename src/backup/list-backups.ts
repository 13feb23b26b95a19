import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SchemakitError } from '../util';
import { readSidecar, sidecarPath } from './sidecar';
import type { BackupMeta } from './types';

/** A backup found in a folder: its file and metadata. */
export interface ListedBackup {
  readonly file: string;
  readonly meta: BackupMeta;
}

/** The backups in `dir` (those with a sidecar whose file exists), newest first. */
export function listBackups(dir: string): ListedBackup[] {
  const root = resolve(dir);
  if (!existsSync(root)) return [];
  const out: ListedBackup[] = [];
  for (const name of readdirSync(root)) {
    if (!name.endsWith('.json')) continue;
    const file = join(root, name.slice(0, -'.json'.length));
    if (!existsSync(file)) continue;
    let meta: BackupMeta;
    try {
      meta = readSidecar(file);
    } catch {
      continue; // another JSON file, not a sidecar
    }
    out.push({ file, meta });
  }
  return out.sort((a, b) => (a.meta.createdAt < b.meta.createdAt ? 1 : a.meta.createdAt > b.meta.createdAt ? -1 : b.file.localeCompare(a.file)));
}

/** Which backups prune removes: all but the newest `keep`, and/or those older than `olderThanMs`. */
export interface PruneOptions {
  readonly keep?: number;
  readonly olderThanMs?: number;
  readonly dryRun?: boolean;
  readonly now?: Date;
}

/** What prune removed (or would remove) and kept. */
export interface PruneResult {
  readonly removed: readonly ListedBackup[];
  readonly kept: readonly ListedBackup[];
}

/**
 * Removes old backups with their sidecars. Only files listBackups finds are candidates, so a file without its
 * sidecar is never deleted. With both rules a backup goes when either says so (but `keep` newest always stay).
 */
export function pruneBackups(dir: string, opts: PruneOptions): PruneResult {
  if (opts.keep === undefined && opts.olderThanMs === undefined)
    throw new SchemakitError('db', 'bad-option', 'backup prune needs --keep N or --older-than AGE');
  if (opts.keep !== undefined && (!Number.isInteger(opts.keep) || opts.keep < 0))
    throw new SchemakitError('db', 'bad-option', `--keep must be a whole number, not ${opts.keep}`);
  const now = (opts.now ?? new Date()).getTime();
  const all = listBackups(dir);
  const removed: ListedBackup[] = [];
  const kept: ListedBackup[] = [];
  all.forEach((b, i) => {
    const beyondKeep = opts.keep !== undefined && i >= opts.keep;
    const tooOld = opts.olderThanMs !== undefined && now - Date.parse(b.meta.createdAt) > opts.olderThanMs;
    const protectedByKeep = opts.keep !== undefined && i < opts.keep;
    (!protectedByKeep && (beyondKeep || tooOld) ? removed : kept).push(b);
  });
  if (!opts.dryRun)
    for (const b of removed) {
      rmSync(b.file, { force: true });
      rmSync(sidecarPath(b.file), { force: true });
    }
  return { removed, kept };
}

/** Parses an age like `30d`, `12h`, `90m`, `2w` into milliseconds. */
export function parseAge(text: string): number {
  const m = /^(\d+)\s*([mhdw])$/.exec(text.trim());
  if (!m) throw new SchemakitError('db', 'bad-option', `--older-than: ${JSON.stringify(text)} is not an age like 30d, 12h, 90m or 2w`);
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2] as 'm' | 'h' | 'd' | 'w'];
  return Number(m[1]) * unit;
}
