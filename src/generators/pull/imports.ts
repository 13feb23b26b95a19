import type { Placement } from './pull-names';

/**
 * The imports one pulled file needs, gathered while its declarations are emitted: schemakit's builders
 * (values and types) and the variables of declarations that live in other files.
 */
export class Imports {
  readonly #lib = new Set<string>();
  readonly #libTypes = new Set<string>();
  readonly #refs = new Map<string, Set<string>>();
  constructor(readonly file: string) {}
  /** A schemakit builder (`c`, `table`, `sql`…); returns its name. */
  lib(name: string): string {
    this.#lib.add(name);
    return name;
  }
  /** A schemakit type (`ColumnRef`); returns its name. */
  libType(name: string): string {
    this.#libTypes.add(name);
    return name;
  }
  /** Another declaration's variable, imported when it lives in another file; returns the variable. */
  ref(p: Placement): string {
    if (p.file !== this.file) {
      let names = this.#refs.get(p.file);
      if (!names) this.#refs.set(p.file, (names = new Set()));
      names.add(p.name);
    }
    return p.name;
  }
  /** The import declarations: schemakit first, then relative modules by path; names sorted. */
  declarations(): { moduleSpecifier: string; namedImports: string[] }[] {
    const sorted = (s: Iterable<string>) => [...s].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
    const lib = [...sorted(this.#lib), ...sorted(this.#libTypes).map((t) => `type ${t}`)];
    const out = lib.length ? [{ moduleSpecifier: 'schemakit', namedImports: lib }] : [];
    const rel = [...this.#refs.entries()].map(([file, names]) => ({ moduleSpecifier: relativeModule(this.file, file), namedImports: sorted(names) }));
    rel.sort((a, b) => (a.moduleSpecifier < b.moduleSpecifier ? -1 : 1));
    return [...out, ...rel];
  }
}

/** `./users` or `../reporting/schema`: the module specifier of `to` from `from` (both relative `.ts` paths). */
export function relativeModule(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.replace(/\.ts$/, '').split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  return (up === 0 ? './' : '../'.repeat(up)) + b.slice(i).join('/');
}
