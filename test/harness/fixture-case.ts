import { join } from 'node:path';
import type { Db } from '../../src/db';
import { diffCatalogs } from '../../src/diff';
import { introspect } from '../../src/introspect';
import { noRenames, type Catalog, type Renames } from '../../src/model';
import { planChanges, type Plan } from '../../src/plan';
import { readCaseDirs, type CaseBase } from '../support/case-dirs';
import type { EngineUnderTest } from '../support/engines';

/** One fixture directory: a.sql → b.sql with its expectations. */
export interface FixtureCase extends CaseBase {
  readonly b: string;
  readonly renames: Renames;
}

/** Source directory of the fixtures (tests run from dist/, fixtures stay in test/). */
export const fixturesRoot = join(__dirname, '..', '..', '..', 'test', 'fixtures');

/**
 * Reads every case under `root`, sorted by name: folders with an expect.json, or (marker `b.sql`) every folder
 * holding a b.sql, as other projects' a.sql/b.sql pairs, whose expectations then take their defaults.
 */
export function readFixtureCases(root = fixturesRoot, marker = 'expect.json'): FixtureCase[] {
  return readCaseDirs(root, (base, expect, read) => ({ ...base, b: read('b.sql'), renames: { ...noRenames, ...(expect.renames ?? {}) } }), marker);
}

/** A case's two databases, loaded and introspected, with the plan A→B. */
export interface PlannedPair {
  readonly dbA: Db;
  readonly dbB: Db;
  readonly catA: Catalog;
  readonly catB: Catalog;
  readonly plan: Plan;
  /** Plans again from a catalog towards B (with the case's renames). */
  readonly replan: (after: Catalog) => Plan;
}

/** A.sql or b.sql failed to run on the engine (the case cannot exist there); `cause` is the database's error. */
export class CaseLoadError extends Error {
  constructor(
    readonly file: 'a.sql' | 'b.sql',
    override readonly cause: unknown,
  ) {
    super(`${file} does not load: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * Runs `check` on a case's pair of fresh databases of `engine`: `setup` (if any) then a.sql on one, `setup`
 * then b.sql on the other, both introspected, and the plan A→B; returns what `check` returns. A load failure
 * throws CaseLoadError; the databases are closed whatever happens.
 */
export async function withPlannedPair<T>(engine: EngineUnderTest, fx: FixtureCase, check: (pair: PlannedPair) => Promise<T>, setup = ''): Promise<T> {
  const dbA = await engine.fresh();
  const dbB = await engine.fresh();
  try {
    for (const [db, file, sql] of [[dbA, 'a.sql', fx.a] as const, [dbB, 'b.sql', fx.b] as const]) {
      try {
        if (setup) await db.exec(setup);
        await db.exec(sql);
      } catch (e) {
        throw new CaseLoadError(file, e);
      }
    }
    const [catA, catB] = [await introspect(dbA), await introspect(dbB)];
    const replan = (after: Catalog): Plan => planChanges(diffCatalogs(after, catB, fx.renames));
    return await check({ dbA, dbB, catA, catB, plan: planChanges(diffCatalogs(catA, catB, fx.renames)), replan });
  } finally {
    await dbA.close();
    await dbB.close();
  }
}
