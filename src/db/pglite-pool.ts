import type { PGlite } from '@electric-sql/pglite';
import { SchemakitError } from '../util';
import type { Db } from './types';
import { wrapPglite } from './pglite';
import { startEmptyPglite } from './pglite-template';
import { resetDatabase } from './reset';

/**
 * A process-wide pool of in-memory PGlite instances. Even the fast start takes ~1 s and each instance
 * holds ~300 MB, while resetDatabase() on an instance nobody uses any more takes a few milliseconds; so
 * a released instance is kept and reset on the next acquire.
 */
const idle: PGlite[] = [];
const all = new Set<PGlite>();

/** A fresh, empty in-memory PGlite database. Closing the Db gives the instance back to the pool. */
export async function acquirePglite(): Promise<Db> {
  for (let pg = idle.pop(); pg; pg = idle.pop()) {
    const candidate = pg;
    const probe = await wrapPglite(candidate, 'pglite (memory)', async () => undefined).catch(() => null);
    if (probe && (await resetDatabase(probe).then(() => true, () => false))) return lend(candidate);
    all.delete(candidate);
    await candidate.close().catch(() => undefined);
  }
  let pg: PGlite;
  try {
    pg = await startEmptyPglite();
  } catch (cause) {
    throw new SchemakitError('db', 'connect-failed', `cannot start PGlite: ${(cause as Error).message}`, { cause });
  }
  all.add(pg);
  return lend(pg);
}

function lend(pg: PGlite): Promise<Db> {
  return wrapPglite(pg, 'pglite (memory)', async () => {
    if (all.has(pg)) idle.push(pg);
  });
}

/** Shuts down every pooled instance, idle or lent (for the end of a test run or a CLI command). */
export async function closePglitePool(): Promise<void> {
  const instances = [...all];
  all.clear();
  idle.length = 0;
  await Promise.all(instances.map((pg) => pg.close().catch(() => undefined)));
}
