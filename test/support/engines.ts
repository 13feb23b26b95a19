import {
  acquirePglite,
  closePglitePool,
  connectPostgres,
  createTempDatabase,
  defaultAdminUrl,
  dropDatabase,
  pgliteExtensionNames,
  queryRow,
  resetDatabase,
  type Db,
  type EngineKind,
  type TempDatabase,
} from '../../src/db';

/** Options of EngineUnderTest.fresh(). */
export interface FreshOptions {
  /**
   * Contrib extensions the test will CREATE (SQL names, e.g. `citext`). The server has them all, and so
   * does every PGlite database handed out here (all of pgliteExtensionNames are registered, ~0.5 s per new
   * instance, paid rarely thanks to the pool); naming them only checks that PGlite ships them.
   */
  readonly extensions?: readonly string[];
}

/**
 * An engine every suite runs on. SCHEMAKIT_TEST_ENGINES=postgres,pglite (default both) selects them;
 * SCHEMAKIT_ADMIN_URL points at the server (default postgres://root@127.0.0.1:5432/postgres).
 *
 *   for (const engine of engines) describe(engine.name, () => { const db = useFreshDb(engine); … db() … });
 */
export interface EngineUnderTest {
  readonly name: 'postgres-15' | 'pglite-18';
  readonly kind: EngineKind;
  /**
   * A new empty database (exactly like a brand-new one). Close it with `db.close()` when done: that
   * gives it back to a pool; the next fresh() resets it with resetDatabase() (~20-100 ms) instead of
   * making a new one (CREATE DATABASE 100-600 ms; a new PGlite instance 1-3 s). Every database is dropped
   * (postgres) or shut down (pglite) by dispose(), which a root `after` hook calls.
   */
  fresh(options?: FreshOptions): Promise<Db>;
  /** Closes (and drops) every database this engine handed out and not yet closed. */
  dispose(): Promise<void>;
}

const handedOut = new Map<EngineKind, Set<Db>>([
  ['postgres', new Set()],
  ['pglite', new Set()],
]);

/** Wraps `db` so that closing it runs `release` once, and remembers it until then for dispose(). */
function track(kind: EngineKind, db: Db, release: () => Promise<void>): Db {
  const open = handedOut.get(kind)!;
  const wrapped: Db = {
    ...db,
    async close() {
      if (!open.delete(wrapped)) return;
      await release();
    },
  };
  open.add(wrapped);
  return wrapped;
}

async function disposeKind(kind: EngineKind): Promise<void> {
  await Promise.all([...handedOut.get(kind)!].map((db) => db.close().catch(() => undefined)));
}

/**
 * Server databases given back by close() and reused after resetDatabase(): CREATE DATABASE takes
 * 100-600 ms (more when other suites run), a reset of a small test database tens of milliseconds.
 */
const idleServerDbs: TempDatabase[] = [];

async function freshServerDb(): Promise<TempDatabase> {
  for (let temp = idleServerDbs.pop(); temp; temp = idleServerDbs.pop()) {
    try {
      await resetDatabase(temp.db);
      return temp;
    } catch {
      await temp.dispose().catch(() => undefined);
    }
  }
  return createTempDatabase(defaultAdminUrl(), testDatabasePrefix());
}

/**
 * The name prefix of the server databases handed out here: `schemakit_test`, plus the run's id when the root
 * global setup set one (SCHEMAKIT_TEST_RUN), so that the global teardown can drop what the workers kept.
 */
export const testDatabasePrefix = (): string => (process.env.SCHEMAKIT_TEST_RUN ? `schemakit_test_${process.env.SCHEMAKIT_TEST_RUN}` : 'schemakit_test');

const postgres: EngineUnderTest = {
  name: 'postgres-15',
  kind: 'postgres',
  async fresh() {
    const temp = await freshServerDb();
    return track('postgres', temp.db, async () => {
      idleServerDbs.push(temp);
    });
  },
  async dispose() {
    await disposeKind('postgres');
    const all = idleServerDbs.splice(0);
    await Promise.all(all.map((t) => t.dispose().catch(() => undefined)));
  },
};

const pglite: EngineUnderTest = {
  name: 'pglite-18',
  kind: 'pglite',
  async fresh(options: FreshOptions = {}) {
    const db = await acquirePglite({ extensions: [...pgliteExtensionNames, ...(options.extensions ?? [])] });
    return track('pglite', db, () => db.close());
  },
  dispose: () => disposeKind('pglite'),
};

const selected = (process.env.SCHEMAKIT_TEST_ENGINES ?? 'postgres,pglite')
  .split(',')
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean);

/** The engines selected for this run, in a stable order (postgres first). */
export const engines: readonly EngineUnderTest[] = [postgres, pglite].filter((e) => selected.includes(e.kind));

/** Looks up one engine by kind (undefined when not selected). */
export const engine = (kind: EngineKind): EngineUnderTest | undefined => engines.find((e) => e.kind === kind);

/**
 * A server database from the engine's pool as a TempDatabase (for a URL to give the CLI): as new (reset when
 * handed out), given back by dispose(). A CREATE DATABASE per scenario, and its DROP DATABASE, which waits for
 * a checkpoint, took ~1 s each. Not for tests that kill clients: a killed client's statement may still commit
 * after the database was given back (those drop theirs, WITH (FORCE)).
 */
export async function serverDatabase(e: EngineUnderTest): Promise<TempDatabase> {
  const db = await e.fresh();
  const { name } = await queryRow<{ name: string }>(db, 'SELECT pg_catalog.current_database() AS name');
  return { db, name, dispose: () => db.close() };
}

/**
 * Mocha helper: a fresh database before each test, closed after it. Returns a getter for the current one.
 * Call inside a `describe`.
 */
export function useFreshDb(e: EngineUnderTest, options: FreshOptions = {}): () => Db {
  let current: Db | null = null;
  beforeEach(async function () {
    this.timeout(60_000);
    current = await e.fresh(options);
  });
  afterEach(async () => {
    const db = current;
    current = null;
    if (db) await db.close();
  });
  return () => {
    if (!current) throw new Error('useFreshDb: no database outside a test');
    return current;
  };
}

/**
 * Gives back what a test file left open (it goes back to the pools, reset on the next fresh()), keeping the
 * pools: a mocha worker runs many files, and a new PGlite costs 2-4 s of CPU, a server database a
 * CREATE and a DROP DATABASE. The worker's process ends with the run; its server databases are dropped by
 * dropRunDatabases (root global teardown).
 */
export async function releaseEngines(): Promise<void> {
  await Promise.all(engines.map((e) => disposeKind(e.kind)));
}

/** Drops the server databases of this run (prefix testDatabasePrefix()) that are still there. */
export async function dropRunDatabases(): Promise<void> {
  if (!engine('postgres') || !process.env.SCHEMAKIT_TEST_RUN) return;
  const prefix = `${testDatabasePrefix()}_`;
  const admin = await connectPostgres(defaultAdminUrl());
  let names: string[];
  try {
    const rows = await admin.query<{ datname: string }>('SELECT datname FROM pg_catalog.pg_database WHERE left(datname, length($1)) = $1', [prefix]);
    names = rows.map((r) => r.datname);
  } finally {
    await admin.close();
  }
  // Several at a time: each DROP DATABASE waits for a checkpoint (~0.5 s on the CI machine), and drops waiting
  // together share one, so the run's dozens of databases go in a few seconds instead of one after the other.
  const queue = [...names];
  const dropper = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) await dropDatabase(defaultAdminUrl(), name).catch(() => undefined);
  };
  await Promise.all(Array.from({ length: 8 }, dropper));
}

/** Closes everything the engines handed out and shuts the PGlite pool down (mocha root hook). */
export async function disposeEngines(): Promise<void> {
  await Promise.all(engines.map((e) => e.dispose()));
  await closePglitePool();
}
