import type { Catalog, Renames } from '../model';
import type { Problem } from '../util';
import type { Declared } from './declared';

/** What every validation rule gets: the declarations and a way to report a problem at a declaration. */
export interface ValidationContext {
  readonly catalog: Catalog;
  readonly renames: Renames;
  /** Reports a problem about `object`, located at the declaration recorded under `key` (default: object). */
  report(code: string, object: string, message: string, key?: string): void;
  /** The location recorded under a key, if any. */
  at(key: string): string | undefined;
  /**
   * The location key of the n-th (0-based) declaration of an object key: repeats are recorded as
   * `key#2`, `key#3`… by collectDeclarations.
   */
  nth(key: string, n: number): string;
}

/** Creates the context and the list the problems go to. */
export function validationContext(declared: Declared): { ctx: ValidationContext; problems: Problem[] } {
  const problems: Problem[] = [];
  const at = (key: string) => declared.locations.get(key);
  const ctx: ValidationContext = {
    catalog: declared.catalog,
    renames: declared.renames,
    at,
    nth: (key, n) => (n === 0 ? key : `${key}#${n + 1}`),
    report(code, object, message, key = object) {
      const location = at(key) ?? nearest(key, at);
      problems.push({ code, message, object, ...(location ? { location } : {}) });
    },
  };
  return { ctx, problems };
}

/** Falls back to the closest enclosing declaration (`s.t.c` → `s.t` → `s`). */
function nearest(key: string, at: (key: string) => string | undefined): string | undefined {
  const parts = key.replace(/#\d+$/, '').split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const loc = at(parts.slice(0, n).join('.'));
    if (loc) return loc;
  }
  return undefined;
}
