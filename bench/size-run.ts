import { connectPostgres } from '../src/db';
import { diffCatalogs, type Change } from '../src/diff';
import { renderPull } from '../src/generators';
import { introspect } from '../src/introspect';
import { planChanges } from '../src/plan';
import { stableJson } from '../src/util';
import { MemorySampler, timeInterleaved, timeRuns } from './measure';
import { mutateCatalog } from './mutate-catalog';
import { databaseUrl, ensureBenchDatabase, generateSchemaSql, timePgDump } from './setup-db';
import { emptySizeResult, type SizeResult } from './types';

/** Progress goes to stderr so stdout holds only the report. */
const progress = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);

/**
 * Measures one schema size on the server: loads (or reuses) `schemakit_bench_<N>`, then times
 * introspect, diff + plan against itself and against a 5% change, and pg_dump --schema-only
 * alternating with the end-to-end path, each as the median of `runs` runs after one warm-up;
 * tracks peak memory.
 */
export async function runSize(serverUrl: string, tables: number, runs: number): Promise<SizeResult> {
  const memory = new MemorySampler();
  const database = `schemakit_bench_${tables}`;
  const url = databaseUrl(serverUrl, database);
  const errors: string[] = [];
  const attempt = async <T>(what: string, fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (e) {
      const msg = `${what}: ${e instanceof Error ? e.message : String(e)}`;
      errors.push(msg);
      progress(`N=${tables} failed: ${msg}`);
      return null;
    }
  };

  progress(`N=${tables}: generating and loading ${database}`);
  const sql = generateSchemaSql(tables);
  const loadedMs = await ensureBenchDatabase(serverUrl, database, sql, tables);
  progress(`N=${tables}: ${loadedMs === null ? 'reused the loaded database' : `loaded in ${Math.round(loadedMs)} ms`}`);

  progress(`N=${tables}: introspect`);
  const introspected = await attempt('introspect', async () => {
    const db = await connectPostgres(url);
    try {
      const first = await introspect(db);
      memory.sample();
      const r = await timeRuns(runs, () => introspect(db));
      return { first, last: r.last, timing: r.timing };
    } finally {
      await db.close();
    }
  });
  const base: Omit<SizeResult, 'memory'> = { ...emptySizeResult(tables, errors), database, loadedMs, introspect: introspected?.timing ?? null };
  if (!introspected) return { ...base, memory: memory.stop() };
  // Two independent introspections of one database: equal data, distinct objects.
  const a = introspected.first;
  const b = introspected.last;

  progress(`N=${tables}: diff + plan against itself`);
  const self = await attempt('diff+plan self', async () => {
    const r = await timeRuns(runs, () => {
      const changes = diffCatalogs(a, b);
      const plan = planChanges(changes);
      memory.sample();
      return { changes, steps: plan.steps.length };
    });
    const problems = r.last.changes.map(describeChange);
    if (r.last.steps !== 0 && problems.length === 0) problems.push(`plan of no changes has ${r.last.steps} steps`);
    return { timing: r.timing, problems };
  });

  progress(`N=${tables}: pull (declaration files of the catalog)`);
  const pulled = await attempt('pull', async () => (await timeRuns(runs, () => renderPull(b).size)).timing);

  progress(`N=${tables}: diff + plan against a 5% change`);
  const mutated = mutateCatalog(b);
  const changed = await attempt('diff+plan 5%', async () => {
    const r = await timeRuns(runs, () => {
      const changes = diffCatalogs(b, mutated.catalog);
      const plan = planChanges(changes);
      memory.sample();
      return { changes: changes.length, steps: plan.steps.length };
    });
    return { timing: r.timing, ...r.last };
  });

  // pg_dump and end-to-end alternate, so that their ratio is taken under the same machine load.
  progress(`N=${tables}: pg_dump --schema-only and end to end (connect + introspect + diff + plan + close), alternately`);
  const endToEndRun = async (): Promise<number> => {
    const live = await connectPostgres(url);
    try {
      const cat = await introspect(live);
      const plan = planChanges(diffCatalogs(cat, mutated.catalog));
      memory.sample();
      return plan.steps.length;
    } finally {
      await live.close();
    }
  };
  const pair = await attempt('pg_dump / end-to-end', () => timeInterleaved(runs, () => timePgDump(url), endToEndRun));

  return {
    ...base,
    catalog: { tables: b.tables.length, indexes: b.indexes.length, constraints: b.constraints.length, enums: b.enums.length },
    pull: pulled,
    diffPlanSelf: self?.timing ?? null,
    selfChanges: self?.problems ?? [],
    diffPlanChanged: changed?.timing ?? null,
    changedSteps: changed?.steps ?? null,
    changedChanges: changed?.changes ?? null,
    edits: mutated.edits,
    pgDump: pair?.[0] ?? null,
    endToEnd: pair?.[1] ?? null,
    memory: memory.stop(),
  };
}

/** A short description of an unexpected change, for the report. */
function describeChange(c: Change): string {
  const text = stableJson(c);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
