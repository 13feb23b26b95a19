import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { noRenames, type Renames } from '../../src/model';
import type { HazardKind } from '../../src/plan';

/** One fixture directory: a.sql → b.sql with its expectations. */
export interface FixtureCase {
  readonly name: string;
  readonly dir: string;
  readonly a: string;
  readonly b: string;
  readonly description: string;
  readonly hazards: readonly HazardKind[];
  readonly reversible: boolean;
  readonly renames: Renames;
  readonly extensions: readonly string[];
  /** Engines the case is skipped on, with the reason (e.g. a feature one version lacks). */
  readonly skip: Readonly<Record<string, string>>;
}

/** Source directory of the fixtures (tests run from dist/, fixtures stay in test/). */
export const fixturesRoot = join(__dirname, '..', '..', '..', 'test', 'fixtures');

/** Reads every case under test/fixtures, sorted by name. */
export function readFixtureCases(root = fixturesRoot): FixtureCase[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'expect.json')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const expect = JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8'));
      const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '');
      return {
        name,
        dir,
        a: read('a.sql'),
        b: read('b.sql'),
        description: expect.description ?? '',
        hazards: [...(expect.hazards ?? [])].sort(),
        reversible: expect.reversible ?? true,
        renames: { ...noRenames, ...(expect.renames ?? {}) },
        extensions: expect.extensions ?? [],
        skip: expect.skip ?? {},
      };
    });
}
