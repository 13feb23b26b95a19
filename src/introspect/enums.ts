import type { Enum } from '../model';
import type { Db } from '../db';
import { commentJoin, userObject, userSchema } from './sql-fragments';

const SQL = `
SELECT n.nspname AS schema, t.typname AS name, d.description AS comment,
       (SELECT pg_catalog.json_agg(e.enumlabel ORDER BY e.enumsortorder)
          FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) AS labels
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  ${commentJoin('d', 'pg_type', 't.oid')}
 WHERE t.typtype = 'e' AND ${userSchema('n')} AND ${userObject('pg_type', 't.oid')}`;

interface Row {
  schema: string;
  name: string;
  comment: string | null;
  labels: string[] | null;
}

/** Enum types with their labels in declaration (enumsortorder) order. */
export async function introspectEnums(db: Db): Promise<Enum[]> {
  const rows = await db.query<Row>(SQL);
  return rows.map((r) => ({ kind: 'Enum', schema: r.schema, name: r.name, values: r.labels ?? [], comment: r.comment ?? null }));
}
