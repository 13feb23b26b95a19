/**
 * Keys of the plan's dependency graph. Each names one thing in the database a step creates, drops or
 * needs. Relations (tables, indexes, the indexes behind PK/UNIQUE constraints, sequences) share one key
 * space per schema, as they share one name space in Postgres; so do types (enums and tables' row types).
 */
const key = (...parts: string[]) => JSON.stringify(parts);

export const schemaNode = (name: string) => key('schema', name);
export const extensionNode = (name: string) => key('extension', name);
export const typeNode = (schema: string, name: string) => key('type', schema, name);
export const relNode = (schema: string, name: string) => key('rel', schema, name);
export const columnNode = (schema: string, table: string, column: string) => key('column', schema, table, column);
export const constraintNode = (schema: string, table: string, name: string) => key('constraint', schema, table, name);
export const policyNode = (schema: string, table: string, name: string) => key('policy', schema, table, name);

/** Reads one identifier (quoted or bare) at `i`; returns it and the index after it. */
function readIdent(s: string, i: number): [string, number] | null {
  if (s[i] === '"') {
    let out = '';
    let j = i + 1;
    for (; j < s.length; j++) {
      if (s[j] === '"') {
        if (s[j + 1] === '"') { out += '"'; j++; } else return [out, j + 1];
      } else out += s[j];
    }
    return null;
  }
  const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(s.slice(i));
  return m ? [m[0], i + m[0].length] : null;
}

/**
 * The user type a column type refers to, when it is written schema-qualified (`public.status`,
 * `"My"."Type"[]`), as introspected catalogs print it; null for built-in and unqualified types.
 */
export function userTypeOf(type: string): { schema: string; name: string } | null {
  const t = type.trim().replace(/(\[\])+$/, '');
  const a = readIdent(t, 0);
  if (a === null || t[a[1]] !== '.') return null;
  const b = readIdent(t, a[1] + 1);
  if (b === null || b[1] !== t.length) return null;
  if (a[0] === 'pg_catalog') return null;
  return { schema: a[0], name: b[0] };
}

/** Graph keys of the user types a column type needs. */
export function typeNeeds(type: string): string[] {
  const u = userTypeOf(type);
  return u === null ? [] : [typeNode(u.schema, u.name)];
}
