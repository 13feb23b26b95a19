import { expect } from 'chai';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readTree } from '../../src/cli/docs-command';

/** The golden directory of the sources (tests run from dist/, goldens live in test/generators/golden). */
export const goldenRoot = join(__dirname, '..', '..', '..', 'test', 'generators', 'golden');

/**
 * Compares rendered files with test/generators/golden/<name>: written only with UPDATE_GOLDEN=1 (a missing
 * golden fails, naming it), else every file must match and no other file may be there.
 */
export function expectGolden(name: string, files: ReadonlyMap<string, string>): void {
  const dir = join(goldenRoot, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    rmSync(dir, { recursive: true, force: true });
    for (const [path, content] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    return;
  }
  if (!existsSync(dir)) expect.fail(`golden directory ${dir} is missing (UPDATE_GOLDEN=1 writes it; review it before committing)`);
  const golden = readTree(dir);
  expect([...files.keys()].sort(), `files of golden ${name} (UPDATE_GOLDEN=1 rewrites)`).to.deep.equal([...golden.keys()].sort());
  for (const [path, content] of files) expect(content, `${name}/${path} (UPDATE_GOLDEN=1 rewrites)`).to.equal(golden.get(path));
}
