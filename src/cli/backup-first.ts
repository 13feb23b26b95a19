import { resolve } from 'node:path';
import type { Policy } from '../config';
import type { Db } from '../db';
import { formatBytes } from '../util';

/**
 * The backup `--backup DIR` or an env's `requireBackup` policy asks for before a change: a full backup with
 * its sidecar (so `backup list` shows it and `restore` checks it), then, with the policy's `keep: N` and the
 * policy's folder, only the newest N backups of that folder kept (a `--backup` folder of one's own is left alone).
 * Returns the file.
 */
export async function backupFirst(db: Db, dir: string, policy: Policy, log: (s: string) => void): Promise<string> {
  const keep = policy.requireBackup !== null && resolve(dir) === resolve(policy.requireBackup) ? policy.backupKeep : null;
  const { createBackup, pruneBackups } = await import('../backup');
  const { file, meta } = await createBackup(db, { dir });
  log(`Backed up ${db.description} to ${file} (${formatBytes(meta.bytes)}, metadata in ${file}.json); undo with: schemakit restore ${file}`);
  if (keep !== null) {
    const pruned = pruneBackups(dir, { keep });
    if (pruned.removed.length) log(`Deleted ${pruned.removed.length} older backup(s) of ${dir} (policy requireBackup.keep: ${keep})`);
  }
  return file;
}
