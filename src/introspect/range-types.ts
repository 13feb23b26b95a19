import type { Db } from '../db';
import type { RangeType } from '../model';
import { commentJoin, userObject, qualifiedName, userSchema } from './sql-fragments';

/** A function OID of pg_range as regproc prints it (qualified unless pg_catalog), null for none (0). */
const fn = (col: string) => `CASE WHEN r.${col}::pg_catalog.oid <> 0 THEN r.${col}::pg_catalog.regproc::pg_catalog.text END`;

/**
 * User range types with their multirange type's name. The operator class is left out when it is the
 * subtype's default, the collation when it is the subtype's own.
 */
const SQL = `
SELECT n.nspname AS schema, t.typname AS name, pg_catalog.format_type(r.rngsubtype, NULL) AS subtype,
       CASE WHEN NOT opc.opcdefault THEN ${qualifiedName('opcn', 'opc.opcname')} END AS opclass,
       CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN ${qualifiedName('cn', 'co.collname')} END AS collation,
       ${fn('rngcanonical')} AS canonical, ${fn('rngsubdiff')} AS subtype_diff, mtn.nspname AS multirange_schema, mt.typname AS multirange_name,
       d.description AS comment
  FROM pg_catalog.pg_range r
  JOIN pg_catalog.pg_type t ON t.oid = r.rngtypid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype
  JOIN pg_catalog.pg_opclass opc ON opc.oid = r.rngsubopc
  JOIN pg_catalog.pg_namespace opcn ON opcn.oid = opc.opcnamespace
  LEFT JOIN pg_catalog.pg_collation co ON co.oid = r.rngcollation
  LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
  JOIN pg_catalog.pg_type mt ON mt.oid = r.rngmultitypid
  JOIN pg_catalog.pg_namespace mtn ON mtn.oid = mt.typnamespace
  ${commentJoin('d', 'pg_type', 't.oid')}
 WHERE ${userSchema('n')} AND ${userObject('pg_type', 't.oid')}`;

interface Row {
  schema: string;
  name: string;
  subtype: string;
  opclass: string | null;
  collation: string | null;
  canonical: string | null;
  subtype_diff: string | null;
  multirange_schema: string;
  multirange_name: string;
  comment: string | null;
}

/** Range types of user schemas (`CREATE TYPE … AS RANGE`). */
export async function introspectRangeTypes(db: Db): Promise<RangeType[]> {
  const rows = await db.query<Row>(SQL);
  return rows.map((r) => ({
    kind: 'RangeType',
    schema: r.schema,
    name: r.name,
    subtype: r.subtype,
    subtypeOpclass: r.opclass,
    collation: r.collation,
    canonical: r.canonical,
    subtypeDiff: r.subtype_diff,
    multirangeSchema: r.multirange_schema,
    multirangeName: r.multirange_name,
    comment: r.comment,
  }));
}
