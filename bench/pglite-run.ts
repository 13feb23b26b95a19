import { openPglite } from '../src/db';
import { diffCatalogs } from '../src/diff';
import { introspect } from '../src/introspect';
import { stableJson } from '../src/util';
import { timeRuns } from './measure';
import { generateSchemaSql } from './setup-db';
import type { PgliteResult } from './types';

/**
 * Loads the generated schema into an in-memory PGlite (PostgreSQL 18 in WASM) and times
 * `introspect` there (median of `runs` after a warm-up), checking that two introspections agree.
 */
export async function runPgliteSize(tables: number, runs: number): Promise<PgliteResult> {
  const errors: string[] = [];
  const sql = generateSchemaSql(tables);
  const db = await openPglite({});
  try {
    const started = performance.now();
    // Chunks of statements rather than one script: a single implicit transaction over thousands of
    // CREATEs would hold a lock per relation until the end and exhaust the lock table.
    for (const chunk of chunks(splitStatements(sql), 200)) await db.exec(chunk.join('\n'));
    const loadMs = performance.now() - started;
    try {
      const first = await introspect(db);
      const r = await timeRuns(runs, () => introspect(db));
      const selfChanges = diffCatalogs(first, r.last).map((c) => stableJson(c).slice(0, 300));
      return { tables, loadMs, introspect: r.timing, selfChanges, errors };
    } catch (e) {
      errors.push(`introspect: ${e instanceof Error ? e.message : String(e)}`);
      return { tables, loadMs, introspect: null, selfChanges: [], errors };
    }
  } finally {
    await db.close();
  }
}

/** Splits the generator's output into statements (each ends with `;` at the end of a line). */
function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const line of sql.split('\n')) {
    if (line.startsWith('--') && current.length === 0) continue;
    current.push(line);
    if (line.endsWith(';')) {
      out.push(current.join('\n'));
      current = [];
    }
  }
  if (current.join('').trim() !== '') out.push(current.join('\n'));
  return out;
}

function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}
