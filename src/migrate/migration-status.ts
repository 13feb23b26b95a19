import type { HistoryRow, Progress } from './history';
import { compareVersions, type MigrationFile } from './migration-files';

/** The state of one migration, from the files and the database's history. */
export type MigrationState =
  | { readonly kind: 'applied'; readonly version: string; readonly file: MigrationFile; readonly row: HistoryRow }
  /** Applied, but up.sql has changed since: an error. */
  | { readonly kind: 'edited'; readonly version: string; readonly file: MigrationFile; readonly row: HistoryRow }
  /** Applied, but its directory is gone (deleted, or the checkout is behind the database). */
  | { readonly kind: 'missing-file'; readonly version: string; readonly row: HistoryRow }
  /** Not applied; `outOfOrder` when older than the newest applied one (merged from a branch). */
  | { readonly kind: 'pending'; readonly version: string; readonly file: MigrationFile; readonly outOfOrder: boolean }
  /** A run stopped between statements outside its transaction; the next run resumes it. */
  | {
      readonly kind: 'interrupted';
      readonly version: string;
      readonly file: MigrationFile | null;
      readonly progress: Progress;
      readonly direction: 'up' | 'down';
    };

/** Every migration known to the files or the history, in version order. */
export function migrationStates(files: readonly MigrationFile[], history: readonly HistoryRow[], progress: readonly Progress[]): MigrationState[] {
  const rows = new Map(history.map((h) => [h.version, h]));
  const byVersion = new Map(files.map((f) => [f.version, f]));
  const interrupted = new Map(progress.map((p) => [p.version, p]));
  const newest = history[history.length - 1]?.version;
  const versions = [...new Set([...files.map((f) => f.version), ...history.map((h) => h.version)])].sort(compareVersions);
  return versions.map((version): MigrationState => {
    const file = byVersion.get(version) ?? null;
    const row = rows.get(version);
    const p = interrupted.get(version);
    if (p) return { kind: 'interrupted', version, file, progress: p, direction: row ? 'down' : 'up' };
    if (row && !file) return { kind: 'missing-file', version, row };
    if (row && file) return { kind: file.checksum === row.checksum ? 'applied' : 'edited', version, file, row };
    return { kind: 'pending', version, file: file!, outOfOrder: newest !== undefined && compareVersions(version, newest) < 0 };
  });
}
