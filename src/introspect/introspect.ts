import type { Catalog } from '../model';
import { sortCatalog } from '../model';
import { type Db, inTransaction, queryRow, withTransaction } from '../db';
import { SchemakitError } from '../util';
import { introspectSchemas } from './schemas';
import { introspectExtensions } from './extensions';
import { introspectEnums } from './enums';
import { readTables } from './tables';
import { introspectConstraints } from './constraints';
import { introspectIndexes } from './indexes';
import { readDependencies } from './dependencies';
import { introspectViews } from './views';
import { introspectRoutines } from './routines';
import { introspectEventTriggers, introspectTriggers } from './triggers';
import { introspectRules } from './rules';
import { introspectSequences } from './sequences';
import { introspectDomains } from './domains';
import { introspectCompositeTypes } from './composite-types';
import { introspectCollations } from './collations';
import { introspectAggregates } from './aggregates';
import { introspectRangeTypes } from './range-types';
import { introspectStatistics } from './statistics';
import { introspectTextSearchConfigurations, introspectTextSearchDictionaries } from './text-search';
import { introspectExclusions } from './exclusions';
import { introspectPolicies } from './policies';
import { introspectGrants } from './grants';
import { introspectDefaultPrivileges } from './default-privileges';
import { introspectExpressionUses } from './expression-uses';
import { introspectIncompletePartitionIndexes, introspectPartitionIndexParts, introspectPartitionKeyAttachments } from './partition-keys';
import { scopeCatalog, type Scope } from './scope';
import { introspectPublications } from './publications';
import { introspectForeignServers, introspectForeignTables } from './foreign';

/**
 * Every catalog query reads whole catalogs, for which hash joins are right on a large database; but right
 * after many objects were created the catalogs' statistics are stale (pg_description estimated at 2 rows while
 * holding thousands), and the planner picks nested loops that took 2.5 s instead of 0.1 s on 1,000 tables. So
 * nested loops are turned off there, and parallel workers, which only add start-up cost to these queries.
 * On a small database (the catalogs hold mostly initdb's rows, which its statistics describe) nested loops
 * over the catalogs' indexes are kept: hashing every row of pg_description, pg_attribute, pg_type… costs
 * ~30% more there (9.4 vs 6.8 ms a whole introspection on PostgreSQL 15, 17.7 vs 13.3 ms of CPU on PGlite).
 */
const settings = (scale: Scale) =>
  `SET LOCAL search_path = ''; SET LOCAL jit = off; SET LOCAL enable_nestloop = ${scale === 'small' ? 'on' : 'off'}; SET LOCAL max_parallel_workers_per_gather = 0`;

/** Whether the database holds few objects of its own (the planner's statistics of the catalogs then hold). */
type Scale = 'small' | 'large';

/** User objects (OID >= 16384, FirstNormalObjectId) below which a database is small; counted up to it only. */
const SMALL = 300;

const SCALE_SQL = `(SELECT pg_catalog.count(*) FROM (SELECT FROM pg_catalog.pg_class WHERE oid >= 16384 LIMIT ${SMALL}) c)
                 + (SELECT pg_catalog.count(*) FROM (SELECT FROM pg_catalog.pg_proc WHERE oid >= 16384 LIMIT ${SMALL}) p) < ${SMALL}`;

/** Runs one per-kind reader, naming the kind in any error. */
async function step<T>(what: string, db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  try {
    return await fn(db);
  } catch (cause) {
    if (cause instanceof SchemakitError && cause.stage === 'introspect') throw cause;
    throw new SchemakitError('introspect', 'query-failed', `${what} of ${db.description}: ${(cause as Error).message}`, { cause });
  }
}

/**
 * The catalog queries without parameters that the last complete introspection ran, in order, by engine and
 * server version: the next introspection in this process runs them all in one round trip first (they are
 * constants of this module's readers for a given version, and one read-only transaction sees the same
 * catalog whether they run together or one by one).
 */
const learned = new Map<string, readonly string[]>();

const learnedKey = (db: Db, scale: Scale) => `${db.engine}:${db.serverVersion}:${scale}`;

/**
 * A catalog query as prepared for a scale: its text differs by scale so that a session keeps one statement (and
 * plan) per scale, a plan made for a small database never running on a large one.
 */
const forScale = (sql: string, scale: Scale) => (scale === 'small' ? `/* small */ ${sql}` : sql);

/**
 * The catalog queries without parameters run as statements the session keeps prepared: a second introspection
 * on the same connection (apply's check, the tests' every case) neither parses nor plans them again, which is
 * about half of their time. They are executed in one round trip up front (Db.queryPreparedBatch: a round trip
 * costs more than most of them on PGlite, and a server works through them while the caller does other work):
 * those the previous introspection ran, or on the first introspection of the process, those a dry run of the
 * readers names (statementsOf), prepared in the same round trip. A reader gets its rows from there, or runs its query as before
 * (when the batch could not run, or a query the batch did not hold). `ran` records the queries in order, for
 * the next introspection; `sent` is called once the batch is on its way (or there is none).
 */
async function preparing(db: Db, ran: string[], sent: () => void, scale: Scale): Promise<Db> {
  const prefetched = new Map<string, unknown[]>();
  const learnedBefore = learned.get(learnedKey(db, scale));
  const batch = learnedBefore ?? (await statementsOf(db));
  if (batch.length > 0) {
    // A savepoint, so that a failure (a statement cancelled, say) leaves the transaction usable and each
    // reader then runs and reports its own query.
    await db.exec('SAVEPOINT schemakit_catalog_batch');
    try {
      const running = db.queryPreparedBatch(
        batch.map((sql) => forScale(sql, scale)),
        learnedBefore ? undefined : { unprepared: 'prepare' },
      );
      sent();
      const rows = await running;
      rows?.forEach((r, i) => prefetched.set(batch[i]!, r));
      await db.exec('RELEASE SAVEPOINT schemakit_catalog_batch');
    } catch {
      prefetched.clear();
      await db.exec('ROLLBACK TO SAVEPOINT schemakit_catalog_batch');
    }
  }
  sent();
  return {
    ...db,
    query: async <T>(sql: string, params?: readonly unknown[]): Promise<T[]> => {
      if (params && params.length > 0) return db.query<T>(sql, params);
      ran.push(sql);
      return (prefetched.get(sql) as T[] | undefined) ?? db.queryPrepared<T>(forScale(sql, scale));
    },
  };
}

/**
 * The parameterless catalog queries the readers run on this engine and version, in order: the readers run
 * against a Db that records each query and answers no rows. A reader that needs a row to go on stops the
 * list there (the rest are then run one by one, as before).
 */
async function statementsOf(db: Db): Promise<readonly string[]> {
  const seen: string[] = [];
  const record = async <T>(sql: string, params?: readonly unknown[]): Promise<T[]> => {
    if (!params || params.length === 0) seen.push(sql);
    return [];
  };
  const recording: Db = {
    ...db,
    query: record,
    queryPrepared: record,
    queryPreparedBatch: async () => null,
    rowCount: async () => 0,
    exec: async () => undefined,
    close: async () => undefined,
  };
  try {
    await readCatalog(recording);
  } catch {
    // the statements up to the reader that needed rows
  }
  return [...new Set(seen)];
}

/** Options of introspect. */
export interface IntrospectOptions {
  /** Only the objects inside it are returned. */
  readonly scope?: Scope;
  /**
   * Called once the catalog queries are on their way to the server (one batch), before their rows are read: a
   * caller may do other work on this thread meanwhile (see introspectAhead) while the server runs them.
   */
  readonly onQueriesSent?: () => void;
}

/**
 * Reads the whole database into a Catalog: one catalog query per object kind, in one read-only
 * transaction with `search_path = ''` so every type, default and expression comes out schema-qualified
 * (except pg_catalog) — the canonical form of the model — and JIT off (it only slows catalog queries).
 * Inside a caller's withTransaction it runs in a savepoint and restores the settings afterwards.
 * With a scope, only the objects inside it are returned (the one place scopes are applied to a database).
 */
export async function introspect(db: Db, options: IntrospectOptions = {}): Promise<Catalog> {
  const nested = inTransaction(db);
  const ran: string[] = [];
  return withTransaction(db, async () => {
    const saved = await queryRow<{ search_path: string; jit: string; enable_nestloop: string; workers: string; small: boolean }>(
      db,
      `SELECT pg_catalog.current_setting('search_path') AS search_path, pg_catalog.current_setting('jit') AS jit,
              pg_catalog.current_setting('enable_nestloop') AS enable_nestloop,
              pg_catalog.current_setting('max_parallel_workers_per_gather') AS workers, ${SCALE_SQL} AS small`,
    );
    const scale: Scale = saved.small ? 'small' : 'large';
    if (!nested) await db.exec('SET TRANSACTION READ ONLY');
    await db.exec(settings(scale));
    const catalogDb = await preparing(db, ran, once(options.onQueriesSent), scale);
    const catalog = await readCatalog(catalogDb);
    learned.set(learnedKey(db, scale), [...new Set(ran)]);
    if (nested) {
      await db.query(
        `SELECT pg_catalog.set_config('search_path', $1, true), pg_catalog.set_config('jit', $2, true),
                pg_catalog.set_config('enable_nestloop', $3, true), pg_catalog.set_config('max_parallel_workers_per_gather', $4, true)`,
        [saved.search_path, saved.jit, saved.enable_nestloop, saved.workers],
      );
    }
    return scopeCatalog(sortCatalog(catalog), options.scope);
  });
}

/** Every reader's part of the catalog, read through `catalogDb` (see preparing), in the order the batch holds them. */
async function readCatalog(catalogDb: Db): Promise<Catalog> {
  const schemas = await step('schemas', catalogDb, introspectSchemas);
  const extensions = await step('extensions', catalogDb, introspectExtensions);
  const enums = await step('enums', catalogDb, introspectEnums);
  const { tables, attributes } = await step('tables', catalogDb, readTables);
  const constraints = await step('constraints', catalogDb, (d) => introspectConstraints(d, attributes));
  const indexes = await step('indexes', catalogDb, (d) => introspectIndexes(d, attributes));
  const dependencies = await step('dependencies', catalogDb, readDependencies);
  const views = await step('views', catalogDb, (d) => introspectViews(d, dependencies));
  const routines = await step('routines', catalogDb, (d) => introspectRoutines(d, dependencies));
  const triggers = await step('triggers', catalogDb, (d) => introspectTriggers(d, dependencies));
  const eventTriggers = await step('event triggers', catalogDb, introspectEventTriggers);
  const rules = await step('rules', catalogDb, (d) => introspectRules(d, dependencies));
  const sequences = await step('sequences', catalogDb, introspectSequences);
  const domains = await step('domains', catalogDb, introspectDomains);
  const compositeTypes = await step('composite types', catalogDb, introspectCompositeTypes);
  const collations = await step('collations', catalogDb, introspectCollations);
  const aggregates = await step('aggregates', catalogDb, introspectAggregates);
  const rangeTypes = await step('range types', catalogDb, introspectRangeTypes);
  const statistics = await step('extended statistics', catalogDb, introspectStatistics);
  const textSearchDictionaries = await step('text search dictionaries', catalogDb, introspectTextSearchDictionaries);
  const textSearchConfigurations = await step('text search configurations', catalogDb, introspectTextSearchConfigurations);
  const exclusions = await step('exclusion constraints', catalogDb, (d) => introspectExclusions(d, attributes));
  const policies = await step('policies', catalogDb, introspectPolicies);
  const grants = await step('privileges', catalogDb, introspectGrants);
  const defaultPrivileges = await step('default privileges', catalogDb, introspectDefaultPrivileges);
  const expressionUses = await step('expression dependencies', catalogDb, introspectExpressionUses);
  const partitionKeyAttachments = await step('partition keys attached to indexes', catalogDb, introspectPartitionKeyAttachments);
  const partitionIndexParts = await step("partitions' parts of parent indexes", catalogDb, introspectPartitionIndexParts);
  const incompletePartitionIndexes = await step('partitioned indexes not attached everywhere', catalogDb, introspectIncompletePartitionIndexes);
  const publications = await step('publications', catalogDb, introspectPublications);
  const foreignServers = await step('foreign servers', catalogDb, introspectForeignServers);
  const foreignTables = await step('foreign tables', catalogDb, introspectForeignTables);
  return {
    kind: 'Catalog',
    schemas,
    extensions,
    enums,
    tables,
    indexes,
    constraints: [...constraints, ...exclusions],
    policies,
    views,
    routines,
    triggers,
    eventTriggers,
    rules,
    sequences,
    domains,
    compositeTypes,
    collations,
    aggregates,
    rangeTypes,
    statistics,
    textSearchDictionaries,
    textSearchConfigurations,
    grants,
    defaultPrivileges,
    publications,
    foreignServers,
    foreignTables,
    expressionUses,
    partitionKeyAttachments,
    incompletePartitionIndexes,
    // Only when there are some: the catalogs (and their hashes) of databases without any stay as they were.
    ...(partitionIndexParts.length > 0 ? { partitionIndexParts } : {}),
  };
}

/** `f` called at most once (nothing when absent). */
function once(f: (() => void) | undefined): () => void {
  let called = false;
  return () => {
    if (!called && f) f();
    called = true;
  };
}

/**
 * Starts introspect(db) and returns once its catalog queries are on their way to the server (one batch), with
 * the catalog to come: a command reads its target's catalog while it loads its declarations on this thread
 * (the server works meanwhile), instead of after. Nothing else may use `db` until `catalog` settles (its
 * statements would run inside the introspection's read-only transaction).
 */
export async function introspectAhead(db: Db): Promise<{ readonly catalog: Promise<Catalog> }> {
  let sent = (): void => undefined;
  const queued = new Promise<void>((resolve) => (sent = resolve));
  const catalog = introspect(db, { onQueriesSent: sent });
  await Promise.race([queued, catalog.then(noop, noop)]);
  return { catalog };
}

const noop = (): void => undefined;
