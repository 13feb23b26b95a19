import { expect } from 'chai';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const update = process.env.UPDATE_GOLDEN === '1';

/**
 * Compares a rendered plan with its golden file `up.sql` (or the engine-specific `up.pg18.sql` on PGlite
 * when the case has one, for texts PG18 prints differently). A missing golden is written (review it);
 * UPDATE_GOLDEN=1 rewrites a differing one.
 */
export function checkGolden(specific: string | null, shared: string, actual: string): void {
  const file = specific && existsSync(specific) ? specific : shared;
  if (!existsSync(file)) return writeFileSync(file, actual);
  if (readFileSync(file, 'utf8') === actual) return;
  if (update) return writeFileSync(specific ?? shared, actual);
  expect(actual, `plan differs from ${file} (UPDATE_GOLDEN=1 rewrites it)`).to.equal(readFileSync(file, 'utf8'));
}
