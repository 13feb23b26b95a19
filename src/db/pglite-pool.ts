import type { PGlite } from '@electric-sql/pglite';
import { onShutdown, SchemakitError } from '../util';
import type { Db } from './types';
import { wrapPglite } from './pglite';
import { normalizeExtensionNames } from './pglite-extensions';
import { startEmptyPglite } from './pglite-template';
import { resetDatabase } from './reset';

/**
 * A process-wide pool of in-memory PGlite instances. Even the fast start takes ~1 s and each instance
 * holds ~300 MB, while resetDatabase() on an instance nobody uses any more takes ~100 ms; so a released
 * instance is kept and reset on the next acquire. Instances remember the contrib extensions they were
 * started with; an idle one is reused only if it offers every extension asked for.
 */
interface Pooled {
  readonly pg: PGlite;
  readonly extensions: readonly string[];
}

const idle: Pooled[] = [];
const all = new Set<Pooled>();

/** Options of acquirePglite. */
export interface AcquirePgliteOptions {
  /** Contrib extensions that must be available (SQL names, e.g. `citext`). */
  readonly extensions?: readonly string[];
}

/** A fresh, empty in-memory PGlite database. Closing the Db gives the instance back to the pool. */
export async function acquirePglite(options: AcquirePgliteOptions = {}): Promise<Db> {
  const wanted = normalizeExtensionNames(options.extensions);
  for (;;) {
    const i = idle.findIndex((p) => wanted.every((e) => p.extensions.includes(e)));
    if (i < 0) break;
    const [candidate] = idle.splice(i, 1);
    if (candidate === undefined) break; // i is in range: findIndex found it
    const probe = await wrapPglite(candidate.pg, 'pglite (memory)', async () => undefined).catch(() => null);
    if (
      probe &&
      (await resetDatabase(probe).then(
        () => true,
        () => false,
      ))
    )
      return lend(candidate);
    all.delete(candidate);
    await candidate.pg.close().catch(() => undefined);
  }
  let pg: PGlite;
  try {
    pg = await startEmptyPglite(wanted);
  } catch (cause) {
    throw new SchemakitError('db', 'connect-failed', `cannot start PGlite: ${(cause as Error).message}`, { cause });
  }
  const pooled = { pg, extensions: wanted };
  all.add(pooled);
  return lend(pooled);
}

/**
 * A fresh, empty in-memory PGlite outside the pool: closing the Db shuts the instance down, and its memory
 * (~150 MB) is freed rather than kept for reuse. For a command that needs a scratch instance only before it
 * starts its embedded target, so that the process never holds both at once.
 */
export async function startOwnPglite(options: AcquirePgliteOptions = {}): Promise<Db> {
  const wanted = normalizeExtensionNames(options.extensions);
  let pg: PGlite;
  try {
    pg = await startEmptyPglite(wanted);
  } catch (cause) {
    throw new SchemakitError('db', 'connect-failed', `cannot start PGlite: ${(cause as Error).message}`, { cause });
  }
  const own = pg;
  return wrapPglite(own, 'pglite (memory)', () => own.close(), wanted).catch(async (e: unknown) => {
    await own.close().catch(() => undefined);
    throw e;
  });
}

function lend(p: Pooled): Promise<Db> {
  return wrapPglite(
    p.pg,
    'pglite (memory)',
    async () => {
      if (all.has(p)) idle.push(p);
    },
    p.extensions,
  );
}

/** Shuts down every pooled instance, idle or lent (for the end of a test run or a CLI command). */
export async function closePglitePool(): Promise<void> {
  const instances = [...all];
  all.clear();
  idle.length = 0;
  await Promise.all(instances.map((p) => p.pg.close().catch(() => undefined)));
}

onShutdown(closePglitePool);
