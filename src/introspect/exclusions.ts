import type { Db } from '../db';
import { normalizeExpression, type Exclusion } from '../model';
import { type AttributeMap, attributeName, ensureAttributes } from './attributes';
import { constraintBase, indexComment } from './constraints';
import { INDEX_KEY_COLUMNS, readNames, toKey, type KeyRow } from './indexes';
import { commentJoin, userObject, ownConstraint, tableKinds, userSchema } from './sql-fragments';
import { must } from '../util';

/**
 * EXCLUDE constraints with the keys of their index (read like any index's) and one operator per key. The
 * operator is printed `&&` when in pg_catalog, else `OPERATOR(schema.op)`, as the grammar accepts it.
 */
const SQL = `
SELECT c.oid AS relid, n.nspname AS schema, c.relname AS "table", co.conname AS name,
       co.condeferrable AS deferrable, co.condeferred AS deferred, am.amname AS method,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS "where", d.description AS comment, di.description AS index_comment,
       (SELECT pg_catalog.array_agg(CASE WHEN opn.nspname = 'pg_catalog' THEN op.oprname
                                         ELSE 'OPERATOR(' || pg_catalog.quote_ident(opn.nspname) || '.' || op.oprname || ')' END ORDER BY x.n)
          FROM pg_catalog.unnest(co.conexclop) WITH ORDINALITY AS x(opoid, n)
          JOIN pg_catalog.pg_operator op ON op.oid = x.opoid
          JOIN pg_catalog.pg_namespace opn ON opn.oid = op.oprnamespace) AS operators,
       ${INDEX_KEY_COLUMNS}
  FROM pg_catalog.pg_constraint co
  JOIN pg_catalog.pg_class c ON c.oid = co.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_index i ON i.indexrelid = co.conindid
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_am am ON am.oid = ic.relam
  ${commentJoin('d', 'pg_constraint', 'co.oid')}
  ${commentJoin('di', 'pg_class', 'co.conindid')}
 WHERE co.contype = 'x' AND c.relkind IN ${tableKinds} AND ${ownConstraint('co', 'c')}
   AND ${userSchema('n')} AND ${userObject('pg_class', 'c.oid')}`;

interface Row extends KeyRow {
  schema: string;
  table: string;
  name: string;
  deferrable: boolean;
  deferred: boolean;
  method: string;
  where: string | null;
  comment: string | null;
  index_comment: string | null;
  operators: string[];
  nkeys: number;
}

/** Every exclusion constraint of user tables. */
export async function introspectExclusions(db: Db, attrs: AttributeMap = new Map()): Promise<Exclusion[]> {
  const rows = await db.query<Row>(SQL);
  if (rows.length === 0) return [];
  const names = await readNames(db);
  await ensureAttributes(
    db,
    attrs,
    rows.map((r) => Number(r.relid)),
  );
  return rows.map((r): Exclusion => ({
    kind: 'Exclusion',
    ...constraintBase(r),
    method: r.method,
    elements: Array.from({ length: r.nkeys }, (_, k) => ({ ...toKey(r, k, attrs, names), operator: must(r.operators[k], `operator of key ${k}`) })),
    include: r.indkey.slice(r.nkeys).map((attnum) => attributeName(attrs, Number(r.relid), attnum)),
    where: r.where === null ? null : normalizeExpression(r.where),
    ...indexComment(r),
  }));
}
