import type { Schema } from '../model';
import type { Db } from '../db';
import { commentJoin, notExtensionMember, userSchema } from './sql-fragments';

const SQL = `
SELECT n.nspname AS name, d.description AS comment
  FROM pg_catalog.pg_namespace n
  ${commentJoin('d', 'pg_namespace', 'n.oid')}
 WHERE ${userSchema('n')} AND ${notExtensionMember('pg_namespace', 'n.oid')}`;

interface Row {
  name: string;
  comment: string | null;
}

/** Every user schema (including `public`) with its comment. */
export async function introspectSchemas(db: Db): Promise<Schema[]> {
  const rows = await db.query<Row>(SQL);
  return rows.map((r) => ({ kind: 'Schema', name: r.name, comment: r.comment ?? null }));
}
