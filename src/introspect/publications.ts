import type { Db } from '../db';
import type { Publication, PublicationTable, PublishAction } from '../model';
import { commentJoin, userObject } from './sql-fragments';

/**
 * Publications with their tables (column lists and row filters, PostgreSQL 15+) and schemas, one query. A
 * column list is read in the table's column order; a row filter as pg_get_expr prints it.
 */
const SQL = `
SELECT p.pubname AS name, p.puballtables AS all_tables, p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate, p.pubviaroot AS via_root,
       d.description AS comment,
       COALESCE((SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
                   'schema', n.nspname, 'name', c.relname,
                   'columns', (SELECT pg_catalog.json_agg(a.attname ORDER BY a.attnum) FROM pg_catalog.pg_attribute a
                                WHERE a.attrelid = c.oid AND a.attnum = ANY (r.prattrs::pg_catalog.int2[])),
                   'where', pg_catalog.pg_get_expr(r.prqual, r.prrelid)) ORDER BY n.nspname, c.relname)
                   FROM pg_catalog.pg_publication_rel r
                   JOIN pg_catalog.pg_class c ON c.oid = r.prrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                  WHERE r.prpubid = p.oid), '[]') AS tables,
       COALESCE((SELECT pg_catalog.array_agg(n.nspname ORDER BY n.nspname)
                   FROM pg_catalog.pg_publication_namespace pn JOIN pg_catalog.pg_namespace n ON n.oid = pn.pnnspid
                  WHERE pn.pnpubid = p.oid), '{}') AS schemas
  FROM pg_catalog.pg_publication p
  ${commentJoin('d', 'pg_publication', 'p.oid')}
 WHERE ${userObject('pg_publication', 'p.oid')}`;

interface Row {
  name: string;
  all_tables: boolean;
  pubinsert: boolean;
  pubupdate: boolean;
  pubdelete: boolean;
  pubtruncate: boolean;
  via_root: boolean;
  comment: string | null;
  tables: { schema: string; name: string; columns: string[] | null; where: string | null }[];
  schemas: string[];
}

/** Every publication of the database (publications belong to no schema). */
export async function introspectPublications(db: Db): Promise<Publication[]> {
  const rows = await db.query<Row>(SQL);
  return rows.map((r) => {
    const publish: PublishAction[] = [];
    if (r.pubinsert) publish.push('insert');
    if (r.pubupdate) publish.push('update');
    if (r.pubdelete) publish.push('delete');
    if (r.pubtruncate) publish.push('truncate');
    const tables = (typeof r.tables === 'string' ? JSON.parse(r.tables) : r.tables) as Row['tables'];
    return {
      kind: 'Publication',
      name: r.name,
      allTables: r.all_tables,
      tables: tables.map((t): PublicationTable => ({ schema: t.schema, name: t.name, columns: t.columns ?? null, where: t.where ?? null })),
      schemas: r.schemas,
      publish,
      viaRoot: r.via_root,
      comment: r.comment ?? null,
    };
  });
}
