import type { Db, EngineKind } from '../db';
import { createBackup } from './create-backup';

/** A backup file written by takeBackup. */
export interface Backup {
  /** Absolute path: `<dir>/<database>-<UTC time>-full.dump` (pg_dump custom format) or `…/pglite-<time>-full.tar.gz`. */
  readonly file: string;
  readonly engine: EngineKind;
  readonly bytes: number;
  readonly durationMs: number;
}

/**
 * Backs up the whole database into `dir` before a change: createBackup's full backup (`pg_dump -Fc` for a
 * server database, the data directory as a gzipped tarball for an embedded one), with its sidecar.
 */
export async function takeBackup(db: Db, dir: string): Promise<Backup> {
  const { file, meta } = await createBackup(db, { dir });
  return { file, engine: meta.engine, bytes: meta.bytes, durationMs: meta.durationMs };
}
