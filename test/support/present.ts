import { expect } from 'chai';

/**
 * The value of an index or lookup a test relies on (`rows[0]`, `findings[1]`), or a failed test saying it
 * is missing: noUncheckedIndexedAccess types `xs[i]` as possibly undefined.
 */
export function present<T>(value: T | undefined, what = 'an expected value'): T {
  if (value === undefined) expect.fail(`missing ${what}`);
  return value;
}
