/**
 * Normalization benchmark: `npm run bench -- --normalize 300 [--runs 3] [--url …]`.
 * Building a declared catalog into an empty scratch database (what every `plan` does before it can diff):
 * A = one statement per round trip in autocommit (how it ran before issue 19), B = buildCatalogInto's fast
 * path (transactions of 200 statements, one round trip each). Both on PostgreSQL (a temporary database)
 * and on PGlite, alternately (A B A B …), each run on a freshly reset database; medians and ratios.
 */
import { connectPostgres, createTempDatabase, openPglite, resetDatabase, type Db } from '../src/db';
import { diffCatalogs } from '../src/diff';
import { introspect } from '../src/introspect';
import type { Catalog } from '../src/model';
import { planChanges, planPreamble } from '../src/plan';
import { buildCatalogInto } from '../src/pipeline/build-catalog';
import { timeInterleaved } from './measure';
import { databaseUrl, ensureBenchDatabase, generateSchemaSql } from './setup-db';

let statements = 0;

/** The old way: each statement on its own, in autocommit. */
async function perStatement(catalog: Catalog, db: Db): Promise<void> {
  const plan = planChanges(diffCatalogs(await introspect(db), { ...catalog, grants: null }));
  for (const s of planPreamble(plan)) await db.exec(s);
  for (const step of plan.steps) await db.exec(step.sql);
  statements = plan.steps.length;
}

async function batched(catalog: Catalog, db: Db): Promise<void> {
  const built = await buildCatalogInto(catalog, db);
  const [rejected] = built.rejected;
  if (rejected) throw new Error(`rejected: ${rejected.reason}`);
}

/** Runs the comparison on one engine's database (reset before every run); returns a Markdown row. */
async function compare(engine: string, db: Db, catalog: Catalog, runs: number): Promise<string> {
  const fresh = (fn: (c: Catalog, d: Db) => Promise<void>) => async () => {
    await resetDatabase(db);
    await fn(catalog, db);
  };
  const [a, b] = await timeInterleaved(runs, fresh(perStatement), fresh(batched));
  return `| ${engine} | ${statements} | ${a.runsMs.join(', ')} | ${a.medianMs} | ${b.runsMs.join(', ')} | ${b.medianMs} | ${(a.medianMs / b.medianMs).toFixed(2)}x |`;
}

/** Prints the table; the catalog is the generated schema of `tables` tables, introspected from the server. */
export async function runNormalizeBench(serverUrl: string, tables: number, runs: number): Promise<number> {
  const source = `schemakit_bench_${tables}`;
  await ensureBenchDatabase(serverUrl, source, generateSchemaSql(tables), tables);
  const src = await connectPostgres(databaseUrl(serverUrl, source));
  let catalog: Catalog;
  try {
    catalog = await introspect(src);
  } finally {
    await src.close();
  }
  // The synthetic schema's tables live in `public`, which a fresh database already has.
  catalog = { ...catalog, schemas: catalog.schemas.filter((s) => s.name !== 'public') };
  const rows: string[] = [];
  const temp = await createTempDatabase(`${serverUrl}/postgres`, 'schemakit_bench_norm');
  try {
    rows.push(await compare('postgres', temp.db, catalog, runs));
  } finally {
    await temp.dispose();
  }
  const lite = await openPglite({});
  try {
    rows.push(await compare('pglite', lite, catalog, runs));
  } finally {
    await lite.close();
  }
  process.stdout.write(
    [
      `Building ${tables} generated tables into an empty database (A: a round trip per statement, autocommit; B: buildCatalogInto, 200 statements per transaction), ms`,
      '',
      '| engine | statements | A runs | A median | B runs | B median | A/B |',
      '|---|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
  return 0;
}
