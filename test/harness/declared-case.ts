import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Change } from '../../src/diff';
import type { HazardKind } from '../../src/plan';

/** One declared-schema fixture: a.sql (the live starting state) → schema/*.ts (the declarations) with its expectations. */
export interface DeclaredCase {
  readonly name: string;
  readonly dir: string;
  /** The folder of declarations given to loadSchemaDir. */
  readonly schemaDir: string;
  readonly a: string;
  readonly description: string;
  /** Sorted set of the plan's hazard kinds. */
  readonly hazards: readonly HazardKind[];
  readonly reversible: boolean;
  /** The plan must have no step (A already equals the declarations). */
  readonly empty: boolean;
  /** When given, the sorted set of the plan's change kinds (e.g. only `RenameTable` for a rename case). */
  readonly changeKinds: readonly Change['kind'][] | null;
  /** Contrib extensions the case creates (PGlite registers them when an instance starts). */
  readonly extensions: readonly string[];
  /** Engines (by name, e.g. `pglite-18`, or kind) the case is skipped on, with the reason. */
  readonly skip: Readonly<Record<string, string>>;
}

/** Source directory of the declared fixtures (tests run from dist/, fixtures stay in test/). */
export const declaredFixturesRoot = join(__dirname, '..', '..', '..', 'test', 'fixtures-declared');

/** Reads every case under test/fixtures-declared (folders with an expect.json), sorted by name. */
export function readDeclaredCases(root = declaredFixturesRoot): DeclaredCase[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'expect.json')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const expect = JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8'));
      const aFile = join(dir, 'a.sql');
      return {
        name,
        dir,
        schemaDir: join(dir, 'schema'),
        a: existsSync(aFile) ? readFileSync(aFile, 'utf8') : '',
        description: expect.description ?? '',
        hazards: [...(expect.hazards ?? [])].sort(),
        reversible: expect.reversible ?? true,
        empty: expect.empty ?? false,
        changeKinds: expect.changeKinds ? [...new Set<Change['kind']>(expect.changeKinds)].sort() : null,
        extensions: expect.extensions ?? [],
        skip: expect.skip ?? {},
      };
    });
}
