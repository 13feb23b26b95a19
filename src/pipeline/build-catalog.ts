import type { Db } from '../db';
import { diffCatalogs } from '../diff';
import { introspect } from '../introspect';
import type { Catalog } from '../model';
import { planPreamble, planStepGraph, type StepNode } from '../plan';
import type { OnProgress } from '../util';
import { tableInParts } from './table-in-parts';

/** A statement Postgres refused while a catalog was built into a scratch database. */
export interface Rejection {
  /** The key of the declared object the statement creates (`s.t`, `s.t.column`, `s.t.check_name`). */
  readonly object: string;
  readonly statement: string;
  /** Postgres's message (with its SQLSTATE and the line of the statement it points at). */
  readonly reason: string;
  readonly cause: unknown;
}

/** What building a catalog found: every rejected statement, and what was not tried because it needs one. */
export interface BuildOutcome {
  readonly rejected: readonly Rejection[];
  /** Objects whose statements were not run: they need what a rejected statement would have created. */
  readonly notTried: readonly string[];
}

/**
 * Statements per transaction. Every relation a transaction creates holds a lock until it ends, and the
 * lock table is shared and bounded (max_locks_per_transaction × max_connections: one transaction creating
 * ~2,000 tables with their keys runs out of shared memory on PostgreSQL 15 and PGlite alike).
 */
const CHUNK = 200;

/**
 * Creates `catalog` in the empty database `empty` (the plan from nothing to it). Fast path: the statements
 * run in transactions of CHUNK statements, one round trip each. When Postgres rejects one, that transaction
 * is rolled back and its statements are tried one by one (a savepoint each), so one run reports every
 * rejected declaration; a rejected CREATE TABLE is split into its columns' defaults and checks (see
 * tableInParts), and statements that need what a rejected one would have created are not tried (their
 * errors would only repeat it). After a rejection `empty` holds what passed; callers drop or reset it.
 * Grants are not rendered: the roles they name may not exist there (PGlite); they are data.
 */
export async function buildCatalogInto(catalog: Catalog, empty: Db, options: BuildOptions = {}): Promise<BuildOutcome> {
  const nodes = planStepGraph(diffCatalogs(await introspect(empty), { ...catalog, grants: null }));
  for (const setting of planPreamble({ steps: nodes.map((n) => n.step) })) await empty.exec(setting);
  const state: BuildState = { rejected: [], notTried: [], missing: new Set() };
  let done = 0;
  for (const chunk of chunksOf(nodes, options.statementsPerTransaction ?? CHUNK)) {
    const [only] = chunk;
    if (chunk.length === 1 && only && !only.step.transactional) await runAlone(empty, only, state);
    else if (!(await runTogether(empty, chunk, state))) await runOneByOne(empty, chunk, state);
    options.onProgress?.({ kind: 'Normalize', done: (done += chunk.length), total: nodes.length });
  }
  return { rejected: state.rejected, notTried: state.notTried };
}

/** Options of buildCatalogInto. */
export interface BuildOptions {
  /** Statements per transaction (default CHUNK). */
  readonly statementsPerTransaction?: number;
  /** Told after each transaction how many statements ran. */
  readonly onProgress?: OnProgress;
}

/** What the steps run so far found, and the graph keys a rejected or untried step would have created. */
interface BuildState {
  readonly rejected: Rejection[];
  readonly notTried: string[];
  readonly missing: Set<string>;
}

/** Runs of at most `size` transactional steps; a step that cannot run in a transaction is a run of its own. */
function chunksOf(nodes: readonly StepNode[], size: number): StepNode[][] {
  const chunks: StepNode[][] = [];
  let current: StepNode[] = [];
  for (const n of nodes) {
    if (n.step.transactional && current.length < size) {
      current.push(n);
      continue;
    }
    if (current.length > 0) chunks.push(current);
    current = n.step.transactional ? [n] : [];
    if (!n.step.transactional) chunks.push([n]);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The fast path: the steps in one transaction, one round trip; false (and nothing kept) when rejected. */
async function runTogether(db: Db, chunk: readonly StepNode[], state: BuildState): Promise<boolean> {
  if (chunk.some((n) => skipped(n, state))) return false;
  try {
    // Each statement on lines of its own: a statement ending in a line comment still ends at the `;`.
    await db.exec(['BEGIN', ...chunk.map((n) => n.step.sql), 'COMMIT'].join('\n;\n'));
    return true;
  } catch {
    await db.exec('ROLLBACK').catch(() => undefined);
    return false;
  }
}

/** The slow path: one savepoint per statement in one transaction, every rejection collected. */
async function runOneByOne(db: Db, chunk: readonly StepNode[], state: BuildState): Promise<void> {
  await db.exec('BEGIN');
  try {
    for (const n of chunk) {
      if (skipped(n, state)) {
        lost(n, state, null);
        continue;
      }
      const err = await attempt(db, n.step.sql);
      if (err === null) continue;
      const parts = n.step.change.kind === 'CreateTable' ? await attemptInParts(db, tableInParts(n.step.change)) : null;
      if (parts === null) {
        lost(n, state, err);
      } else {
        // The table exists without its rejected members; when every part passed, the table as a whole is what failed.
        state.rejected.push(...(parts.length > 0 ? parts : [rejection(n.step.object, n.step.sql, err)]));
      }
    }
  } finally {
    await db.exec('COMMIT');
  }
}

/** A statement that cannot run in a transaction block, on its own. */
async function runAlone(db: Db, n: StepNode, state: BuildState): Promise<void> {
  if (skipped(n, state)) return lost(n, state, null);
  try {
    await db.exec(n.step.sql);
  } catch (err) {
    lost(n, state, err);
  }
}

/** Records a step rejected with `err` (or, null, not tried): what it would have created is missing. */
function lost(n: StepNode, state: BuildState, err: unknown): void {
  if (err === null) state.notTried.push(n.step.object);
  else state.rejected.push(rejection(n.step.object, n.step.sql, err));
  for (const k of n.creates) state.missing.add(k);
}

/** True when the step needs what a rejected (or untried) step would have created. */
function skipped(n: StepNode, state: BuildState): boolean {
  return n.needs.some((k) => state.missing.has(k));
}

/** Runs `sql` under a savepoint: null when it ran, else the error (and nothing of it is kept). */
async function attempt(db: Db, sql: string): Promise<unknown> {
  await db.exec('SAVEPOINT schemakit_build');
  try {
    // On its own, so that Postgres's error position points into this statement.
    await db.exec(sql);
    await db.exec('RELEASE SAVEPOINT schemakit_build');
    return null;
  } catch (err) {
    await db.exec('ROLLBACK TO SAVEPOINT schemakit_build; RELEASE SAVEPOINT schemakit_build');
    return err;
  }
}

/**
 * The bare table, then each member on its own: the members' rejections, or null when the bare table itself
 * is rejected (then the table's own error is the one to report).
 */
async function attemptInParts(db: Db, split: ReturnType<typeof tableInParts>): Promise<Rejection[] | null> {
  if ((await attempt(db, split.bare)) !== null) return null;
  const rejected: Rejection[] = [];
  for (const part of split.parts) {
    const err = await attempt(db, part.sql);
    if (err !== null) rejected.push(rejection(part.object, part.sql, err));
  }
  return rejected;
}

function rejection(object: string, statement: string, err: unknown): Rejection {
  return { object, statement, reason: err instanceof Error ? err.message.replace(/^db: /, '') : String(err), cause: err };
}
