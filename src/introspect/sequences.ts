import type { Db } from '../db';
import type { Sequence, SequenceOptions, SequenceType } from '../model';
import { commentJoin, userObject, userSchema } from './sql-fragments';

/** The sequence options of pg_sequence row `sq`, as text columns (int8 reads differently per driver). */
export const sequenceOptionColumns = (sq: string): string => `
       pg_catalog.format_type(${sq}.seqtypid, NULL) AS seq_type, ${sq}.seqstart::pg_catalog.text AS seq_start,
       ${sq}.seqincrement::pg_catalog.text AS seq_increment, ${sq}.seqmin::pg_catalog.text AS seq_min,
       ${sq}.seqmax::pg_catalog.text AS seq_max, ${sq}.seqcache::pg_catalog.text AS seq_cache, ${sq}.seqcycle AS seq_cycle`;

/** A row carrying sequenceOptionColumns. */
export interface SequenceOptionRow {
  seq_type: string;
  seq_start: string;
  seq_increment: string;
  seq_min: string;
  seq_max: string;
  seq_cache: string;
  seq_cycle: boolean;
}

/** The options of a row carrying sequenceOptionColumns. */
export function sequenceOptionsOf(r: SequenceOptionRow): SequenceOptions {
  return {
    type: r.seq_type as SequenceType,
    start: r.seq_start,
    increment: r.seq_increment,
    min: r.seq_min,
    max: r.seq_max,
    cache: r.seq_cache,
    cycle: r.seq_cycle,
  };
}

/** True when pg_sequence row `sq` has the type `typid` and the options `serial` gives a sequence. */
export const serialOptions = (sq: string, typid: string): string => `${sq}.seqtypid = ${typid}
     AND ${sq}.seqstart = 1 AND ${sq}.seqincrement = 1 AND ${sq}.seqmin = 1 AND ${sq}.seqcache = 1 AND NOT ${sq}.seqcycle
     AND ${sq}.seqmax = CASE ${sq}.seqtypid WHEN 'pg_catalog.int2'::pg_catalog.regtype THEN 32767
                                           WHEN 'pg_catalog.int4'::pg_catalog.regtype THEN 2147483647
                                           ELSE 9223372036854775807 END`;

/**
 * True for the sequence `s` behind a column introspected as serial (see tables.ts): owned by an integer
 * column (pg_depend 'a') whose default is exactly its nextval, of the column's type and with the options
 * serial gives it. Such a sequence is part of the column; any other owned sequence is a standalone one.
 */
export const backsSerialColumn = (s: string, sq: string): string => `EXISTS (
  SELECT 1 FROM pg_catalog.pg_depend dep
    JOIN pg_catalog.pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
    JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
   WHERE dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dep.objid = ${s}.oid
     AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dep.deptype = 'a'
     AND a.attidentity = '' AND a.attgenerated = ''
     AND a.atttypid IN ('pg_catalog.int2'::pg_catalog.regtype, 'pg_catalog.int4'::pg_catalog.regtype, 'pg_catalog.int8'::pg_catalog.regtype)
     AND ${serialOptions(sq, 'a.atttypid')}
     AND pg_catalog.pg_get_expr(ad.adbin, 0) = 'nextval(' || pg_catalog.quote_literal(${s}.oid::pg_catalog.regclass::pg_catalog.text) || '::regclass)')`;

/** Identity sequences (pg_depend 'i') belong to their column; serial ones too (see backsSerialColumn). */
const SQL = `
SELECT n.nspname AS schema, s.relname AS name, d.description AS comment, ${sequenceOptionColumns('sq')},
       own.relname AS owned_table, oa.attname AS owned_column
  FROM pg_catalog.pg_class s
  JOIN pg_catalog.pg_namespace n ON n.oid = s.relnamespace
  JOIN pg_catalog.pg_sequence sq ON sq.seqrelid = s.oid
  LEFT JOIN pg_catalog.pg_depend od ON od.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND od.objid = s.oid
       AND od.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND od.deptype = 'a' AND od.refobjsubid > 0
  LEFT JOIN pg_catalog.pg_class own ON own.oid = od.refobjid
  LEFT JOIN pg_catalog.pg_attribute oa ON oa.attrelid = od.refobjid AND oa.attnum = od.refobjsubid
  ${commentJoin('d', 'pg_class', 's.oid')}
 WHERE s.relkind = 'S' AND ${userSchema('n')} AND ${userObject('pg_class', 's.oid')}
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i WHERE i.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND i.objid = s.oid AND i.deptype = 'i')
   AND NOT ${backsSerialColumn('s', 'sq')}`;

interface Row extends SequenceOptionRow {
  schema: string;
  name: string;
  comment: string | null;
  owned_table: string | null;
  owned_column: string | null;
}

/** Standalone sequences with their options and OWNED BY column. */
export async function introspectSequences(db: Db): Promise<Sequence[]> {
  const rows = await db.query<Row>(SQL);
  return rows.map((r) => ({
    kind: 'Sequence',
    schema: r.schema,
    name: r.name,
    ...sequenceOptionsOf(r),
    ownedBy: r.owned_table !== null && r.owned_column !== null ? { table: r.owned_table, column: r.owned_column } : null,
    comment: r.comment ?? null,
  }));
}
