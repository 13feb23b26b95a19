import { expect } from 'chai';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const update = process.env.UPDATE_GOLDEN === '1';

/**
 * Compares a rendered plan with its golden file `up.sql` (or the engine-specific `up.pg18.sql` on PGlite
 * when the case has one, for texts PG18 prints differently). UPDATE_GOLDEN=1 writes a missing golden and
 * rewrites a differing one; without it a missing golden fails, naming the file, so a test can never pass by
 * writing its own expectation (in CI especially).
 */
export function checkGolden(specific: string | null, shared: string, actual: string): void {
  const file = specific && existsSync(specific) ? specific : shared;
  if (!existsSync(file)) {
    if (update) return writeFileSync(file, actual);
    expect.fail(`golden file ${file} is missing (UPDATE_GOLDEN=1 writes it; review it before committing)`);
  }
  if (readFileSync(file, 'utf8') === actual) return;
  if (update) return writeFileSync(specific ?? shared, actual);
  expect(actual, `plan differs from ${file} (UPDATE_GOLDEN=1 rewrites it)`).to.equal(readFileSync(file, 'utf8'));
}
