import type { Extension } from '../model';
import type { Db } from '../db';
import { commentJoin } from './sql-fragments';

/** plpgsql is installed in every database by initdb; it is not the user's to declare. */
const SQL = `
SELECT e.extname AS name, n.nspname AS schema, e.extversion AS version, d.description AS comment
  FROM pg_catalog.pg_extension e
  JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
  ${commentJoin('d', 'pg_extension', 'e.oid')}
 WHERE e.extname <> 'plpgsql'`;

interface Row {
  name: string;
  schema: string;
  version: string;
  comment: string | null;
}

/** Installed extensions with their schema, version and comment. */
export async function introspectExtensions(db: Db): Promise<Extension[]> {
  const rows = await db.query<Row>(SQL);
  return rows.map((r) => ({ kind: 'Extension', name: r.name, schema: r.schema, version: r.version, comment: r.comment ?? null }));
}
