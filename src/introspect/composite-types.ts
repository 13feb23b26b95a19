import type { Db } from '../db';
import type { CompositeAttribute, CompositeType } from '../model';
import { commentJoin, userObject, qualifiedName, userSchema } from './sql-fragments';

/** Standalone composite types (`CREATE TYPE … AS (…)`: typrelid of relkind 'c', not tables' row types). */
const SQL = `
SELECT n.nspname AS schema, t.typname AS name, d.description AS comment,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
                 'name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
                 'collation', CASE WHEN a.attcollation <> at.typcollation THEN ${qualifiedName('coln', 'col.collname')} END) ORDER BY a.attnum)
          FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
          LEFT JOIN pg_catalog.pg_collation col ON col.oid = a.attcollation AND a.attcollation <> at.typcollation
          LEFT JOIN pg_catalog.pg_namespace coln ON coln.oid = col.collnamespace
         WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) AS attributes
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_catalog.pg_class r ON r.oid = t.typrelid AND r.relkind = 'c'
  ${commentJoin('d', 'pg_type', 't.oid')}
 WHERE t.typtype = 'c' AND ${userSchema('n')} AND ${userObject('pg_type', 't.oid')}`;

interface Row {
  schema: string;
  name: string;
  comment: string | null;
  attributes: CompositeAttribute[] | null;
}

/** Composite types with their attributes in order. */
export async function introspectCompositeTypes(db: Db): Promise<CompositeType[]> {
  const rows = await db.query<Row>(SQL);
  return rows.map((r) => ({
    kind: 'CompositeType',
    schema: r.schema,
    name: r.name,
    attributes: (r.attributes ?? []).map((a) => ({ name: a.name, type: a.type, collation: a.collation ?? null })),
    comment: r.comment ?? null,
  }));
}
