import { normalizeExpression, type Constraint, type FkAction, type FkMatch, type PrimaryKey } from '../model';
import type { Db } from '../db';
import { SchemakitError } from '../util';
import { type AttributeMap, attributeName, ensureAttributes } from './attributes';
import { commentJoin, userObject, ownConstraint, tableKinds, userSchema } from './sql-fragments';

/**
 * PRIMARY KEY, UNIQUE, CHECK and FOREIGN KEY constraints of user tables. PostgreSQL 18 also lists NOT NULL
 * constraints here (contype 'n'); those are modelled as Column.notNull, so they are skipped, as are
 * exclusion ('x') and constraint-trigger ('t') constraints for now. A CHECK's expression is
 * `(` + pg_get_expr(conbin) + `)`: exactly what pg_get_constraintdef prints between `CHECK ` and any
 * ` NO INHERIT` / ` NOT VALID` suffix (both deparse conbin with the same flags).
 */
/** `conperiod` (WITHOUT OVERLAPS / PERIOD) exists from PostgreSQL 18. */
const sql = (serverVersion: number): string => `
SELECT n.nspname AS schema, c.relname AS "table", co.conname AS name, co.contype AS type,
       co.condeferrable AS deferrable, co.condeferred AS deferred, co.connoinherit AS no_inherit, NOT co.convalidated AS not_valid,
       CASE WHEN co.contype = 'c' THEN '(' || pg_catalog.pg_get_expr(co.conbin, co.conrelid) || ')' END AS check_expr,
       co.conrelid AS relid, co.conkey AS keys, co.confrelid AS ref_relid, co.confkey AS ref_keys,
       rn.nspname AS ref_schema, rc.relname AS ref_table,
       co.confupdtype AS on_update, co.confdeltype AS on_delete, co.confmatchtype AS match,
       COALESCE(i.indnullsnotdistinct, false) AS nulls_not_distinct, i.indnkeyatts AS nkeys, i.indkey::pg_catalog.int2[] AS index_keys, ${serverVersion >= 180000 ? 'co.conperiod' : 'false'} AS period,
       d.description AS comment, CASE WHEN co.contype IN ('p', 'u') THEN di.description END AS index_comment
  FROM pg_catalog.pg_constraint co
  JOIN pg_catalog.pg_class c ON c.oid = co.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_class rc ON rc.oid = co.confrelid
  LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
  LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = co.conindid AND co.contype IN ('p', 'u')
  ${commentJoin('d', 'pg_constraint', 'co.oid')}
  ${commentJoin('di', 'pg_class', 'co.conindid')}
 WHERE co.contype IN ('p', 'u', 'c', 'f') AND c.relkind IN ${tableKinds} AND ${ownConstraint('co', 'c')}
   AND ${userSchema('n')} AND ${userObject('pg_class', 'c.oid')}`;

interface Row {
  schema: string;
  table: string;
  name: string;
  type: 'p' | 'u' | 'c' | 'f';
  deferrable: boolean;
  deferred: boolean;
  no_inherit: boolean;
  not_valid: boolean;
  check_expr: string | null;
  relid: number;
  keys: number[] | null;
  ref_relid: number;
  ref_keys: number[] | null;
  ref_schema: string | null;
  ref_table: string | null;
  on_update: string;
  on_delete: string;
  match: string;
  nulls_not_distinct: boolean;
  nkeys: number | null;
  index_keys: number[] | null;
  period: boolean;
  comment: string | null;
  index_comment: string | null;
}

const fkActions: Record<string, FkAction> = { a: 'no-action', r: 'restrict', c: 'cascade', n: 'set-null', d: 'set-default' };
const fkMatches: Record<string, FkMatch> = { s: 'simple', f: 'full' };

function unsupported(r: Row, what: string): never {
  throw new SchemakitError('introspect', 'unsupported', `${r.schema}.${r.table}.${r.name}: ${what} is not supported`);
}

/** The fields every constraint kind has, from a pg_constraint row. */
export function constraintBase(r: Pick<Row, 'schema' | 'table' | 'name' | 'deferrable' | 'deferred' | 'comment'>): Omit<PrimaryKey, 'kind' | 'columns'> {
  return { schema: r.schema, table: r.table, name: r.name, deferrable: r.deferrable, initiallyDeferred: r.deferred, comment: r.comment ?? null };
}

/** `{ indexComment }` of a key whose index carries a comment, else nothing (absent when none). */
export const indexComment = (r: { index_comment: string | null }): { indexComment?: string } =>
  r.index_comment === null ? {} : { indexComment: r.index_comment };

/** `{ notValid: true }` for a constraint added NOT VALID and not validated since, else nothing (the model's convention). */
const notValid = (r: Pick<Row, 'not_valid'>): { notValid?: true } => (r.not_valid ? { notValid: true } : {});

/** Maps one pg_constraint row to the model; key attnums become names through `attrs`. */
function toConstraint(r: Row, attrs: AttributeMap): Constraint {
  const names = (relid: number, keys: number[] | null) => (keys ?? []).map((k) => attributeName(attrs, Number(relid), k));
  const columns = names(r.relid, r.keys);
  const base = constraintBase(r);
  // A key's INCLUDE columns: its index's attributes after the key ones.
  const included = names(r.relid, (r.index_keys ?? []).slice(Number(r.nkeys ?? 0)));
  const include = included.length > 0 ? { include: included } : {};
  switch (r.type) {
    case 'p':
      return { kind: 'PrimaryKey', ...base, columns, ...(r.period ? { withoutOverlaps: true } : {}), ...include, ...indexComment(r) };
    case 'u':
      return {
        kind: 'Unique',
        ...base,
        columns,
        nullsNotDistinct: r.nulls_not_distinct,
        ...(r.period ? { withoutOverlaps: true } : {}),
        ...include,
        ...indexComment(r),
      };
    case 'c':
      return {
        kind: 'Check',
        ...base,
        expression: normalizeExpression(r.check_expr ?? unsupported(r, 'a CHECK without expression')),
        noInherit: r.no_inherit,
        ...notValid(r),
      };
    case 'f':
      return {
        kind: 'ForeignKey',
        ...base,
        columns,
        refSchema: r.ref_schema ?? unsupported(r, 'a foreign key without referenced table'),
        refTable: r.ref_table ?? unsupported(r, 'a foreign key without referenced table'),
        refColumns: names(r.ref_relid, r.ref_keys),
        onUpdate: fkActions[r.on_update] ?? unsupported(r, `ON UPDATE action '${r.on_update}'`),
        onDelete: fkActions[r.on_delete] ?? unsupported(r, `ON DELETE action '${r.on_delete}'`),
        match: fkMatches[r.match] ?? unsupported(r, `MATCH type '${r.match}' (MATCH PARTIAL)`),
        ...notValid(r),
        ...(r.period ? { period: true } : {}),
      };
    default:
      return unsupported(r, `constraint type '${(r as Row).type}'`);
  }
}

/**
 * Every PK, UNIQUE, CHECK and FK constraint of user tables, one query for the whole database. `attrs`
 * (from readTables) saves reading the columns again; relations it lacks are read with one more query.
 */
export async function introspectConstraints(db: Db, attrs: AttributeMap = new Map()): Promise<Constraint[]> {
  const rows = await db.query<Row>(sql(db.serverVersion));
  await ensureAttributes(
    db,
    attrs,
    rows.flatMap((r) => [Number(r.relid), Number(r.ref_relid)]),
  );
  return rows.map((r) => toConstraint(r, attrs));
}
