import { join } from 'node:path';
import { createTempDatabase, openPglite, type Db, type TempDatabase } from '../../src/db';
import type { EngineUnderTest } from '../support/engines';
import { makeProject, type Project } from './run-cli';
import type { SchemaFiles } from './schemas';

/** A temporary project and the database the binary works on for one engine. */
export interface CliTarget {
  readonly project: Project;
  /** `--url <temporary database>` on the server; none for PGlite (the project's embedded `.schemakit/pglite`). */
  readonly urlArgs: readonly string[];
  /** Runs `fn` on the target database; the embedded one is opened in this process only meanwhile. */
  onTarget<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

/**
 * Mocha helper (call inside a `describe`): before the suite, a temporary project with `schema/` from `files` and,
 * on the server, a temporary database; both removed after it. Returns a getter for the current target.
 */
export function useCliTarget(engine: EngineUnderTest, files: SchemaFiles, prefix?: string): () => CliTarget {
  let target: CliTarget | null = null;
  let temp: TempDatabase | null = null;
  let project: Project | null = null;
  before(async () => {
    project = makeProject(files, prefix);
    if (engine.kind === 'postgres') temp = await createTempDatabase(undefined, 'schemakit_cli');
    const [p, t] = [project, temp];
    target = {
      project: p,
      urlArgs: t ? ['--url', t.db.url!] : [],
      async onTarget(fn) {
        if (t) return fn(t.db);
        const db = await openPglite({ dataDir: join(p.dir, '.schemakit', 'pglite') });
        try {
          return await fn(db);
        } finally {
          await db.close();
        }
      },
    };
  });
  after(async () => {
    await temp?.dispose();
    project?.remove();
  });
  return () => {
    if (!target) throw new Error('useCliTarget: no target outside the suite');
    return target;
  };
}
