import { SchemakitError } from './errors';

/**
 * The value of an index or lookup whose absence is a bug in schemakit, not a user mistake: throws an
 * `internal` error naming `what` (noUncheckedIndexedAccess types `xs[i]` and `map.get(k)` as possibly undefined).
 */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new SchemakitError('internal', 'internal', `missing ${what} (a bug in schemakit)`);
  return value;
}
