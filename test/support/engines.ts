import {
  acquirePglite,
  closePglitePool,
  createTempDatabase,
  defaultAdminUrl,
  type Db,
  type EngineKind,
  type TempDatabase,
} from '../../src/db';

/** Options of EngineUnderTest.fresh(). */
export interface FreshOptions {
  /**
   * Contrib extensions the test will CREATE (SQL names, e.g. `citext`). The server has them all; PGlite
   * must register them when an instance starts (see pgliteExtensionNames), so ask only for what you use.
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
   * A new empty database (exactly like a brand-new one). Close it with `db.close()` when done: that drops
   * the database (postgres) or gives the instance back to the pool (pglite). Cheap: ~50-150 ms on the
   * server, ~100 ms for a reused (reset) PGlite instance, ~1-3 s for a new one (the first per process,
   * or while the others are still open).
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

const postgres: EngineUnderTest = {
  name: 'postgres-15',
  kind: 'postgres',
  async fresh() {
    const temp: TempDatabase = await createTempDatabase(defaultAdminUrl(), 'schemakit_test');
    return track('postgres', temp.db, () => temp.dispose());
  },
  dispose: () => disposeKind('postgres'),
};

const pglite: EngineUnderTest = {
  name: 'pglite-18',
  kind: 'pglite',
  async fresh(options: FreshOptions = {}) {
    const db = await acquirePglite({ extensions: options.extensions });
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

/** Closes everything the engines handed out and shuts the PGlite pool down (mocha root hook). */
export async function disposeEngines(): Promise<void> {
  await Promise.all(engines.map((e) => e.dispose()));
  await closePglitePool();
}

// A root-level hook: registered once, when the first suite imports this module.
if (typeof after === 'function') after(disposeEngines);
