import type { Db } from '../db';
import type { Grant } from '../model';
import { qualified } from '../sql';

/**
 * Declared grants on functions with their argument types as Postgres prints them (`add(int4, int)` →
 * `add(integer, integer)`), read from the scratch database the declarations were built in: a grant declared
 * on a routine's declaration carries the argument types as written. A signature the scratch database does not
 * know is left as written (its GRANT will fail and say so).
 */
export async function normalizeGrantSignatures(grants: readonly Grant[], db: Db): Promise<Grant[]> {
  const functions = grants.filter((g) => g.object === 'function' && g.schema !== null && g.name.includes('('));
  if (functions.length === 0) return [...grants];
  const texts = [...new Set(functions.map((g) => signatureText(g.schema ?? '', g.name)))];
  const rows = await db.query<{ text: string; name: string | null }>(
    `SELECT x AS text, (SELECT p.proname || '(' || pg_catalog.oidvectortypes(p.proargtypes) || ')' FROM pg_catalog.pg_proc p
                         WHERE p.oid = pg_catalog.to_regprocedure(x)) AS name
       FROM pg_catalog.unnest($1::pg_catalog.text[]) AS x`,
    [texts],
  );
  const byText = new Map(rows.map((r) => [r.text, r.name]));
  return grants.map((g) => {
    if (g.object !== 'function' || g.schema === null) return g;
    const name = byText.get(signatureText(g.schema, g.name));
    return name ? { ...g, name } : g;
  });
}

/** `"schema"."name"(args)` of a function grant, as to_regprocedure reads it. */
function signatureText(schema: string, signature: string): string {
  const open = signature.indexOf('(');
  return `${qualified(schema, signature.slice(0, open))}${signature.slice(open)}`;
}
