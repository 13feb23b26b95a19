import { acquirePglite, createScratch, createTempDatabase, type Db, type Scratch } from '../db';
import { introspect } from '../introspect';
import type { Catalog } from '../model';
import { migrateUp, splitStatements, type MigrationFile, type MigrateUpOptions } from '../migrate';

/** Where migration files are replayed: a database that starts empty and is thrown away. */
export interface ReplayTarget {
  /** A server to create a temporary database on (`--dev-url`, else `--url`); PGlite when absent. */
  readonly devUrl?: string;
  /** An open database to replay next to (a temporary database on its server, or a pooled PGlite like it). */
  readonly like?: Db;
  /** Contrib extensions the replay must be able to create (PGlite registers them when it starts). */
  readonly extensions?: readonly string[];
}

/**
 * The contrib extensions the files create: PGlite can only CREATE an extension registered when the instance
 * started, so the replay instance is asked for these (read from the CREATE EXTENSION statements).
 */
export function extensionsCreatedBy(files: readonly MigrationFile[]): string[] {
  const names = new Set<string>();
  for (const f of files) {
    for (const s of splitStatements(f.up)) {
      const name = /^CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?("(?:[^"]|"")+"|[A-Za-z0-9_-]+)/i.exec(s.sql)?.[1];
      if (name !== undefined) names.add(name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name.toLowerCase());
    }
  }
  return [...names];
}

/** An empty scratch database for a replay: a temporary database on a server, or a pooled in-memory PGlite. */
export async function openReplayScratch(target: ReplayTarget): Promise<Scratch> {
  if (target.devUrl) {
    const temp = await createTempDatabase(target.devUrl, 'schemakit_replay');
    return { db: temp.db, dispose: () => temp.dispose() };
  }
  if (target.like) return createScratch(target.like, { extensions: target.extensions });
  const db = await acquirePglite({ extensions: target.extensions });
  return { db, dispose: () => db.close() };
}

/** Applies the files to an empty database (with its own history) and reads the catalog they produce. */
export async function replayInto(db: Db, files: readonly MigrationFile[], options: MigrateUpOptions = {}): Promise<Catalog> {
  await migrateUp(db, files, options);
  return introspect(db);
}
