import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { redactUrl, SchemakitError } from '../util';

/** Where a catalog comes from: nothing, a live database, a directory of declarations, or an embedded database. */
export type Source =
  | { readonly kind: 'empty' }
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'dir'; readonly dir: string }
  | { readonly kind: 'pglite'; readonly dir: string };

/**
 * Parses a `--from`/`--to` argument: `empty`, a `postgres://` URL, `pglite:DIR` (an embedded database
 * directory) or a directory of schema declarations.
 */
export function parseSource(spec: string): Source {
  if (spec === 'empty') return { kind: 'empty' };
  if (/^postgres(ql)?:\/\//.test(spec)) return { kind: 'url', url: spec };
  if (spec.startsWith('pglite:')) return { kind: 'pglite', dir: resolve(spec.slice('pglite:'.length)) };
  const dir = resolve(spec);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new SchemakitError('cli', 'bad-source', `"${spec}" is neither "empty", a postgres:// URL, pglite:DIR, nor a schema directory`);
  }
  return { kind: 'dir', dir };
}

/** Describes a source for messages. */
export function describeSource(s: Source): string {
  switch (s.kind) {
    case 'empty':
      return 'empty database';
    case 'url':
      return redactUrl(s.url);
    case 'dir':
      return `declarations in ${s.dir}`;
    case 'pglite':
      return `embedded database ${s.dir}`;
  }
}
