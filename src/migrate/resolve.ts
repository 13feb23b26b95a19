import { withTransaction, type Db } from '../db';
import { SchemakitError } from '../util';
import { clearProgress, DEFAULT_HISTORY, ensureHistory, insertHistory, readHistory, readProgress, type HistoryLocation } from './history';
import type { MigrationFile } from './migration-files';
import { splitStatements } from './split-statements';

/** What `migrate resolve` did with an interrupted migration. */
export interface ResolveResult {
  readonly version: string;
  /** The statements (1-based) that had committed, with their text when the file is the one that ran. */
  readonly committed: readonly { readonly n: number; readonly sql: string | null }[];
  readonly as: 'rolled-back' | 'applied';
}

/**
 * Resolves an interrupted migration (statements outside its transaction committed, a later one failed), as
 * Prisma's `migrate resolve`. The caller holds the migration lock.
 * - `rolled-back`: its progress is forgotten, so the next `migrate up` runs the (corrected) file from its
 *   first statement; the user has undone what committed, or it is safe to run again (IF NOT EXISTS).
 * - `applied`: it is recorded as applied with the file's checksum (the user finished it by hand).
 * Refuses a version that is neither interrupted nor (for `applied`) pending.
 */
export async function resolveMigration(
  db: Db,
  files: readonly MigrationFile[],
  version: string,
  as: 'rolled-back' | 'applied',
  at: HistoryLocation = DEFAULT_HISTORY,
): Promise<ResolveResult> {
  await ensureHistory(db, at);
  const progress = (await readProgress(db, at)).find((p) => p.version === version);
  const applied = (await readHistory(db, at)).some((h) => h.version === version);
  const file = files.find((f) => f.version === version) ?? null;
  if (applied && as === 'applied') throw new SchemakitError('migrate', 'not-interrupted', `${version} is already applied; nothing to resolve`);
  if (!progress && as === 'rolled-back')
    throw new SchemakitError(
      'migrate',
      'not-interrupted',
      `${version} is not an interrupted migration (migrate status shows INTERRUPTED ones); nothing to resolve`,
    );
  if (as === 'applied' && file === null) throw new SchemakitError('migrate', 'unknown-version', `${version}: no migration directory has this version`);
  const statements = file && progress && file.checksum === progress.checksum ? splitStatements(file.up) : null;
  const committed = (progress?.statements ?? []).map((n) => ({ n, sql: statements?.[n - 1]?.sql ?? null }));
  await withTransaction(db, async () => {
    await clearProgress(db, version, at);
    if (as === 'applied') await insertHistory(db, { version, name: file!.name, checksum: file!.checksum, durationMs: 0, downSql: file!.down }, at);
  });
  return { version, committed, as };
}
