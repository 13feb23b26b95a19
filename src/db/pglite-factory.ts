import type { PGlite, PGliteOptions } from '@electric-sql/pglite';
import { pgliteModule } from './lazy-modules';
import { pgliteExtensions } from './pglite-extensions';

/**
 * Parsers that make PGlite return what `pg` returns: PGlite turns `int8` (and `int8[]`) into numbers,
 * which silently lose precision past 2^53; `pg` keeps them as strings.
 */
export const pgliteParsers: PGliteOptions['parsers'] = { 20: (value: string) => value };

/**
 * PGlite's start parameters plus `log_startup_progress_interval=0`. An instance started from a data
 * directory that needs recovery (a loadDataDir tarball, a directory not closed cleanly) arms the startup
 * progress timer (10 s, PostgreSQL 15+) and PGlite 0.5 re-arms it forever, which keeps Node alive. With
 * the interval 0 it still fires once, so a process that does not close its instances (closePglitePool)
 * lingers up to 10 s before exiting.
 * Also `shared_buffers=16MB` instead of initdb's 128MB: PostgreSQL's shared memory is zeroed at start (memset,
 * the largest cost of opening a data directory: ~0.25 s of CPU per start at 32MB), so every instance paid for a
 * cache that schemakit's catalog queries never fill (PGlite is one backend; its data directory is in the OS page
 * cache or in memory anyway). 8MB saved a little more at start but slowed loading a 1,000-table schema ~7%.
 */
export const pgliteStartParams = (): string[] => [
  ...pgliteModule().PGlite.defaultStartParams,
  '-c',
  'log_startup_progress_interval=0',
  '-c',
  'shared_buffers=16MB',
];

/** What differs between the PGlite instances schemakit starts. */
export interface NewPgliteOptions {
  /** Directory of a persistent database; in memory when absent. */
  readonly dataDir?: string;
  /** Contrib extensions to register (SQL names). */
  readonly extensions: readonly string[];
  /** A data directory tarball to start from instead of running initdb. */
  readonly loadDataDir?: Blob | null;
}

/**
 * The one PGlite factory: every instance schemakit starts (openPglite, the pristine template, restore) gets
 * the same parsers, start parameters and extension registration from here.
 */
export async function newPglite(options: NewPgliteOptions): Promise<PGlite> {
  const { dataDir, extensions, loadDataDir } = options;
  return pgliteModule().PGlite.create({
    ...(dataDir !== undefined ? { dataDir } : {}),
    parsers: pgliteParsers,
    extensions: pgliteExtensions(extensions),
    startParams: pgliteStartParams(),
    ...(loadDataDir ? { loadDataDir } : {}),
  });
}
