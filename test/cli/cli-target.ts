import { expect } from 'chai';
import { join } from 'node:path';
import { openPglite, type Db, type TempDatabase } from '../../src/db';
import { serverDatabase, type EngineUnderTest } from '../support/engines';
import { describeRun, makeProject, type CliResult, type Project } from './run-cli';
import type { SchemaFiles } from './schemas';

/** Asserts a run's exit code, printing its output when it differs. */
export const expectExit = (r: CliResult, code: number) => expect(r.code, describeRun(r)).to.equal(code);

/** A temporary project and the database its commands target, for the CLI tests of one engine. */
export interface CliTarget {
  readonly project: Project;
  /** `['--url', URL]` for the server; empty for the project's embedded PGlite (`.schemakit/pglite`). */
  readonly urlArgs: readonly string[];
  /** The server database, or null (PGlite). */
  readonly temp: TempDatabase | null;
  /** Runs `fn` on the target database; the embedded one is opened in this process only meanwhile. */
  onTarget<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

/**
 * Mocha helper (call inside a `describe`): a project with `schema/` from `files` and, on the server, a
 * temporary database, made before the suite's tests and removed after them; with `{ each: true }`, a new one
 * for every test, so a scenario starts from nothing and passes or fails alone (`--grep`).
 */
export function useCliTarget(engine: EngineUnderTest, files: SchemaFiles, prefix?: string, options: { each?: boolean } = {}): () => CliTarget {
  let current: CliTarget | null = null;
  const [setUp, tearDown] = options.each ? [beforeEach, afterEach] : [before, after];
  setUp(async () => {
    const project = makeProject(files, prefix);
    const temp = engine.kind === 'postgres' ? await serverDatabase(engine) : null;
    current = {
      project,
      temp,
      urlArgs: temp ? ['--url', temp.db.url!] : [],
      async onTarget(fn) {
        if (temp) return fn(temp.db);
        const db = await openPglite({ dataDir: join(project.dir, '.schemakit', 'pglite') });
        try {
          return await fn(db);
        } finally {
          await db.close();
        }
      },
    };
  });
  tearDown(async () => {
    await current?.temp?.dispose();
    current?.project.remove();
    current = null;
  });
  return () => {
    if (!current) throw new Error('useCliTarget: no project outside the suite');
    return current;
  };
}
