import { existsSync } from 'node:fs';
import { restoreBackup, type RestoreTarget } from '../db';
import { SchemakitError } from '../util';
import { checkBackupSha256 } from './sidecar';

const UNCHANGED = 'Nothing was restored: the target was not changed.';

/**
 * Restores a whole backup into a target (see restoreBackup: atomic, the target is replaced), after checking
 * the file against the sha256 of its sidecar when it has one: a corrupted file is refused before anything is
 * touched.
 */
export async function restoreDatabase(file: string, target: RestoreTarget): Promise<void> {
  if (!existsSync(file)) throw new SchemakitError('db', 'restore-failed', `backup file ${file} does not exist. ${UNCHANGED}`);
  await checkBackupSha256(file, UNCHANGED);
  await restoreBackup(file, target);
}
