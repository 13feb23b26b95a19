/** Name patterns as schemakit.yaml and the flags write them: `*` matches any characters, nothing else is special. */

const cache = new Map<string, RegExp>();

/** The regular expression of a `*` pattern, anchored at both ends (cached). */
export function globPattern(p: string): RegExp {
  let re = cache.get(p);
  if (!re)
    cache.set(
      p,
      (re = new RegExp(
        `^${p
          .split('*')
          .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      )),
    );
  return re;
}

/** True when `pattern` matches a table as `schema.table` or as its bare name. */
export const matchesTable = (pattern: string, schema: string, name: string): boolean =>
  globPattern(pattern).test(`${schema}.${name}`) || globPattern(pattern).test(name);
