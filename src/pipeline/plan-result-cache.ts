import type { Db } from '../db';
import type { Declared } from '../declare';
import type { Scope } from '../introspect';
import type { Catalog } from '../model';
import type { Plan, PlanOptions } from '../plan';
import { sha256, stableJson } from '../util';
import { codeStamp, normalizedCacheKey, readCacheEntry, writeCacheEntry } from './normalize-cache';

/**
 * The DDL plan from a server's catalog to the declarations, cached by everything it is computed from: the
 * target's catalog as introspected now (its text: the same build introspects the same database to the same
 * JSON), the normalized declarations' key (declarations, server, build), the renames, the scope, the plan's
 * options and this build. `plan` run again on an unchanged database and unchanged declarations (the common
 * case, and a pre-commit hook's) then reads neither the normalized catalog nor diffs it (~0.5 s of CPU at
 * 1,000 tables); any change of the database or the declarations is another key. The introspection itself
 * always runs: only a server tells whether it changed.
 */
export function planResultKey(db: Db, declared: Declared, actual: Catalog, scope: Scope | undefined, options: PlanOptions): string {
  return sha256(
    [
      'plan-v1',
      sha256(JSON.stringify(actual)),
      normalizedCacheKey(declared.catalog, db),
      stableJson(declared.renames),
      stableJson(scope ?? null),
      stableJson(options),
      codeStamp(),
    ].join('\0'),
  );
}

/** The plan cached for `key`, or undefined. */
export function readPlanResult(cacheDir: string, key: string): Plan | undefined {
  return readCacheEntry<Plan>(cacheDir, 'server-plan', key);
}

/** Stores the plan for `key` (best effort, the few most recent kept). */
export function writePlanResult(cacheDir: string, key: string, plan: Plan): void {
  writeCacheEntry(cacheDir, 'server-plan', key, plan);
}
