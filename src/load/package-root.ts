import * as fs from 'node:fs';
import * as path from 'node:path';

/** The schemakit package root: the nearest folder above this file with schemakit's package.json. */
export function packageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if ((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'schemakit') return dir;
      } catch {
        // not a readable package.json: keep looking
      }
    }
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '..', '..');
  }
}

/**
 * The type declarations schema files see as `schemakit`: the declaration API (`dist/src/declare/index.d.ts`,
 * else its TypeScript sources when running uncompiled), which is exactly what they get at run time
 * (schemakitModule). Not the whole package's `index.d.ts`: its library functions reach the types of `pg`,
 * PGlite, `yaml` and @types/node (2.3 MB of declarations, 434 files where the declaration API needs 122),
 * which the type check parsed on every run that missed its cache, for names a schema file cannot use anyway.
 */
export function schemakitTypes(root = packageRoot()): string {
  const compiled = 'dist/src/declare/index.d.ts';
  const candidates = [compiled, 'src/declare/index.ts', 'dist/src/index.d.ts', 'src/index.ts'];
  const found = candidates.map((c) => path.join(root, c)).find((f) => fs.existsSync(f));
  return found ?? path.join(root, compiled);
}

/**
 * The very module instance of the declaration API that schema files get for `require('schemakit')`, so the
 * declarations they create are the classes collectDeclarations recognizes. Schema files need only that
 * API; requiring the package root here would make load depend on every module above it (an import cycle
 * through src/index.ts).
 */
export function schemakitModule(): unknown {
  return require('../declare');
}
