import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { SchemakitError, stableJson } from '../util';
import type { BackupMeta } from './types';

/** The sidecar of a backup file: `<file>.json`. */
export const sidecarPath = (file: string): string => `${file}.json`;

/** sha256 (hex) of a file, streamed with constant memory. */
export function fileSha256(file: string): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (b) => hash.update(b))
      .on('error', fail)
      .on('end', () => done(hash.digest('hex')));
  });
}

/** Writes the sidecar (stable JSON, so the same metadata gives the same bytes). */
export function writeSidecar(file: string, meta: BackupMeta): void {
  writeFileSync(sidecarPath(file), stableJson(meta, 2) + '\n');
}

/** Reads a backup's sidecar; an absent or foreign one is an error naming the file. */
export function readSidecar(file: string): BackupMeta {
  const path = sidecarPath(file);
  if (!existsSync(path))
    throw new SchemakitError('db', 'no-sidecar', `${path} does not exist: ${file} was not written by schemakit backup (its metadata is needed)`);
  let meta: BackupMeta;
  try {
    meta = JSON.parse(readFileSync(path, 'utf8')) as BackupMeta;
  } catch (cause) {
    throw new SchemakitError('db', 'bad-sidecar', `${path}: not JSON (${(cause as Error).message})`, { cause });
  }
  if (meta?.format !== 'schemakit-backup/1')
    throw new SchemakitError('db', 'bad-sidecar', `${path}: not a schemakit backup sidecar (format ${JSON.stringify(meta?.format)})`);
  return meta;
}

/**
 * Checks a backup file against its sidecar's sha256 before anything restores it: a mismatch (a corrupted,
 * truncated or replaced file) is refused, naming both sums. Returns the sidecar, or null when the file has
 * none (a backup from `--backup` of an older schemakit): there is then nothing to check it against.
 */
export async function checkBackupSha256(file: string, unchanged: string): Promise<BackupMeta | null> {
  if (!existsSync(sidecarPath(file))) return null;
  const meta = readSidecar(file);
  const sum = await fileSha256(file);
  if (sum !== meta.sha256) {
    throw new SchemakitError(
      'db',
      'bad-backup',
      `${file} is corrupted: its sha256 is ${sum}, its sidecar ${sidecarPath(file)} says ${meta.sha256} (changed or damaged since it was written). ${unchanged}`,
    );
  }
  return meta;
}
