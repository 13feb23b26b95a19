import type { Db } from '../db';
import type { Collation, CollationProvider } from '../model';
import { commentJoin, userObject, userSchema } from './sql-fragments';

/**
 * User collations. The ICU/builtin locale column is `colliculocale` on PostgreSQL 15 and `colllocale` from
 * 17 on, so it is read through to_jsonb of the row, which works on both.
 */
const SQL = `
SELECT n.nspname AS schema, c.collname AS name, c.collprovider AS provider, c.collisdeterministic AS deterministic,
       c.collcollate AS lc_collate, c.collctype AS lc_ctype,
       COALESCE(pg_catalog.to_jsonb(c) ->> 'colllocale', pg_catalog.to_jsonb(c) ->> 'colliculocale') AS locale,
       d.description AS comment
  FROM pg_catalog.pg_collation c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace
  ${commentJoin('d', 'pg_collation', 'c.oid')}
 WHERE ${userSchema('n')} AND ${userObject('pg_collation', 'c.oid')}`;

interface Row {
  schema: string;
  name: string;
  provider: string;
  deterministic: boolean;
  lc_collate: string | null;
  lc_ctype: string | null;
  locale: string | null;
  comment: string | null;
}

const providers: Readonly<Record<string, CollationProvider>> = { c: 'libc', i: 'icu', b: 'builtin' };

/** Collations created in user schemas (`CREATE COLLATION`). */
export async function introspectCollations(db: Db): Promise<Collation[]> {
  const rows = await db.query<Row>(SQL);
  return rows.map((r) => {
    const provider = providers[r.provider] ?? 'libc';
    const libc = provider === 'libc';
    return {
      kind: 'Collation',
      schema: r.schema,
      name: r.name,
      provider,
      locale: libc ? null : (r.locale ?? null),
      lcCollate: libc ? (r.lc_collate ?? null) : null,
      lcCtype: libc ? (r.lc_ctype ?? null) : null,
      deterministic: r.deterministic,
      comment: r.comment ?? null,
    };
  });
}
