import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Db } from '../../src/db';
import { diffCatalogs } from '../../src/diff';
import { introspect } from '../../src/introspect';
import { loadSchemaDir } from '../../src/load';
import { normalizeDeclared } from '../../src/pipeline';
import { planChanges } from '../../src/plan';

/** Writes files (relative path → content) below `dir`. */
export function writeTree(dir: string, files: ReadonlyMap<string, string>): void {
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/**
 * What `schemakit plan` would do after a pull: the pulled files are written to a temporary folder, loaded
 * as any schema folder is (type checked unless told not to, evaluated, validated), normalized on `db`'s server and diffed
 * against `db`. Returns the plan's SQL statements (empty when the round trip is exact).
 */
export async function planAfterPull(db: Db, files: ReadonlyMap<string, string>, options: { typecheck?: boolean } = {}): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'schemakit-pull-'));
  try {
    writeTree(dir, files);
    const declared = await loadSchemaDir(dir, { typecheck: options.typecheck ?? true });
    const plan = planChanges(diffCatalogs(await introspect(db), await normalizeDeclared(declared, db), declared.renames));
    return plan.steps.map((s) => s.sql);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
