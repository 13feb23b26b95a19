import type { Db } from '../db';
import { diffCatalogs } from '../diff';
import { introspect, type Scope } from '../introspect';
import type { Catalog } from '../model';
import { migrateUp, type HistoryRow, type MigrationFile } from '../migrate';
import { planChanges, type Plan } from '../plan';
import { extensionsCreatedBy, openReplayScratch } from './replay-migrations';

/** What the history explains of a database, and what it does not. */
export interface Drift {
  /** Changes that turn the state the applied migrations produce into the database as it is: the drift. */
  readonly plan: Plan;
  /** Applied migrations that could not be replayed (file missing or edited): the drift is then approximate. */
  readonly unexplained: readonly string[];
  /** The schema the applied migrations produce (replayed), and the database's: the drift is their difference. */
  readonly expected: Catalog;
  readonly actual: Catalog;
}

/**
 * Replays the applied migrations, in the order they were applied, into an empty database like `db` and
 * compares the result with `db`: whatever differs was changed outside the migrations (by hand, by
 * `apply`, by another tool). Reported as a diff, never fixed.
 */
export async function migrationDrift(db: Db, files: readonly MigrationFile[], history: readonly HistoryRow[], scope?: Scope): Promise<Drift> {
  const byVersion = new Map(files.map((f) => [f.version, f]));
  const unexplained: string[] = [];
  const applied: MigrationFile[] = [];
  const order = [...history].sort((a, b) => a.appliedAt.getTime() - b.appliedAt.getTime());
  for (const h of order) {
    const f = byVersion.get(h.version);
    if (f && f.checksum === h.checksum) applied.push(f);
    else unexplained.push(`${h.version}_${h.name}`);
  }
  const scratch = await openReplayScratch({ like: db, extensions: extensionsCreatedBy(applied) });
  try {
    await migrateUp(scratch.db, applied);
    const expected = await introspect(scratch.db, { scope });
    const actual = await introspect(db, { scope });
    return { plan: planChanges(diffCatalogs(expected, actual)), unexplained, expected, actual };
  } finally {
    await scratch.dispose();
  }
}
