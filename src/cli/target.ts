import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connectPostgres, openPglite, type Db } from '../db';

/** Options shared by commands that talk to one database. */
export interface TargetOptions {
  readonly url?: string;
  readonly schema?: string;
}

/** The embedded database used when no server is configured: `.schemakit/pglite` in the project. */
export function embeddedDir(cwd = process.cwd()): string {
  return join(cwd, '.schemakit', 'pglite');
}

/**
 * Opens `--url`, else `DATABASE_URL`, else the project's embedded PGlite database, which is started with the
 * given contrib extensions registered (PGlite can only CREATE an extension registered when it starts).
 */
export async function openTarget(opts: TargetOptions, extensions: readonly string[] = []): Promise<Db> {
  const url = opts.url ?? process.env.DATABASE_URL;
  if (url) return connectPostgres(url);
  const dir = embeddedDir();
  mkdirSync(dir, { recursive: true });
  return openPglite({ dataDir: dir, extensions });
}

/** The declarations directory (`--schema`, default `schema/`). */
export function schemaDir(opts: TargetOptions): string {
  return resolve(opts.schema ?? 'schema');
}
