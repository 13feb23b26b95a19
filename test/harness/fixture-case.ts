import { join } from 'node:path';
import { noRenames, type Renames } from '../../src/model';
import { readCaseDirs, type CaseBase } from '../support/case-dirs';

/** One fixture directory: a.sql → b.sql with its expectations. */
export interface FixtureCase extends CaseBase {
  readonly b: string;
  readonly renames: Renames;
}

/** Source directory of the fixtures (tests run from dist/, fixtures stay in test/). */
export const fixturesRoot = join(__dirname, '..', '..', '..', 'test', 'fixtures');

/** Reads every case under test/fixtures, sorted by name. */
export function readFixtureCases(root = fixturesRoot): FixtureCase[] {
  return readCaseDirs(root, (base, expect, read) => ({ ...base, b: read('b.sql'), renames: { ...noRenames, ...(expect.renames ?? {}) } }));
}
