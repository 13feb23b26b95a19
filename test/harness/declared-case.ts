import { join } from 'node:path';
import type { Change } from '../../src/diff';
import { readCaseDirs, type CaseBase } from '../support/case-dirs';

/** One declared-schema fixture: a.sql (the live starting state) → schema/*.ts (the declarations) with its expectations. */
export interface DeclaredCase extends CaseBase {
  /** The folder of declarations given to loadSchemaDir. */
  readonly schemaDir: string;
  /** The plan must have no step (A already equals the declarations). */
  readonly empty: boolean;
  /** When given, the sorted set of the plan's change kinds (e.g. only `RenameTable` for a rename case). */
  readonly changeKinds: readonly Change['kind'][] | null;
}

/** Source directory of the declared fixtures (tests run from dist/, fixtures stay in test/). */
export const declaredFixturesRoot = join(__dirname, '..', '..', '..', 'test', 'fixtures-declared');

/** Reads every case under test/fixtures-declared (folders with an expect.json), sorted by name. */
export function readDeclaredCases(root = declaredFixturesRoot): DeclaredCase[] {
  return readCaseDirs(root, (base, expect) => ({
    ...base,
    schemaDir: join(base.dir, 'schema'),
    empty: expect.empty ?? false,
    changeKinds: expect.changeKinds ? [...new Set<Change['kind']>(expect.changeKinds)].sort() : null,
  }));
}
