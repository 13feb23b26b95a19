import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HazardKind } from '../../src/plan';

/** What every fixture case has, whichever harness reads it. */
export interface CaseBase {
  readonly name: string;
  readonly dir: string;
  /** The starting state's SQL (`a.sql`; empty when absent). */
  readonly a: string;
  readonly description: string;
  /** Sorted set of the plan's hazard kinds. */
  readonly hazards: readonly HazardKind[];
  readonly reversible: boolean;
  /** Contrib extensions the case creates (PGlite registers them when an instance starts). */
  readonly extensions: readonly string[];
  /** Engines (by name, e.g. `pglite-18`, or kind) the case is skipped on, with the reason. */
  readonly skip: Readonly<Record<string, string>>;
}

/**
 * The case folders under `root` (those with an expect.json), sorted by name, with their common fields read.
 * `marker` names the file that makes a folder a case instead (e.g. `b.sql` for other projects' pairs, which
 * have no expect.json: every expectation then takes its default).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function readCaseDirs<T>(root: string, extra: (base: CaseBase, expect: any, read: (file: string) => string) => T, marker = 'expect.json'): T[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, marker)))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const expect = existsSync(join(dir, 'expect.json')) ? JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')) : {};
      const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '');
      const base: CaseBase = {
        name,
        dir,
        a: read('a.sql'),
        description: expect.description ?? '',
        hazards: [...(expect.hazards ?? [])].sort(),
        reversible: expect.reversible ?? true,
        extensions: expect.extensions ?? [],
        skip: expect.skip ?? {},
      };
      return extra(base, expect, read);
    });
}
