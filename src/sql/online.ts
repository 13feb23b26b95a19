import type { Constraint, Index } from '../model';
import { addConstraintSql, deferrability } from './constraint';
import { ident, literal, qualified } from './quote';

/** `DROP INDEX CONCURRENTLY [IF EXISTS] s.name` (cannot run in a transaction block). */
export function dropIndexConcurrentlySql(i: Pick<Index, 'schema' | 'name'>, ifExists = false): string {
  return `DROP INDEX CONCURRENTLY ${ifExists ? 'IF EXISTS ' : ''}${qualified(i.schema, i.name)}`;
}

/** `ALTER TABLE t ADD CONSTRAINT name … NOT VALID` (foreign keys and checks only: existing rows are not checked). */
export function addConstraintNotValidSql(c: Constraint): string {
  const declared = (c.kind === 'Check' || c.kind === 'ForeignKey') && c.notValid === true; // addConstraintSql says it already
  return declared ? addConstraintSql(c) : `${addConstraintSql(c)} NOT VALID`;
}

/** `ALTER TABLE t VALIDATE CONSTRAINT name`. */
export function validateConstraintSql(c: Pick<Constraint, 'schema' | 'table' | 'name'>): string {
  return `ALTER TABLE ${qualified(c.schema, c.table)} VALIDATE CONSTRAINT ${ident(c.name)}`;
}

/** `ALTER TABLE t ADD CONSTRAINT name UNIQUE|PRIMARY KEY USING INDEX name [DEFERRABLE …]` (the index becomes the constraint's). */
export function addConstraintUsingIndexSql(c: Extract<Constraint, { kind: 'PrimaryKey' | 'Unique' }>): string {
  const what = c.kind === 'PrimaryKey' ? 'PRIMARY KEY' : 'UNIQUE';
  return `ALTER TABLE ${qualified(c.schema, c.table)} ADD CONSTRAINT ${ident(c.name)} ${what} USING INDEX ${ident(c.name)}${deferrability(c)}`;
}

/** `DROP INDEX IF EXISTS s.name` (undoes an index a later step may already have dropped with its constraint). */
export function dropIndexIfExistsSql(i: Pick<Index, 'schema' | 'name'>): string {
  return `DROP INDEX IF EXISTS ${qualified(i.schema, i.name)}`;
}

/** `ALTER INDEX parent ATTACH PARTITION index` (a partition's index becomes part of its parent's). */
export function attachPartitionIndexSql(parent: { schema: string; name: string }, index: { schema: string; name: string }): string {
  return `ALTER INDEX ${qualified(parent.schema, parent.name)} ATTACH PARTITION ${qualified(index.schema, index.name)}`;
}

/**
 * A DO block making the partition's copy of its parent's index `parentIndex` (Postgres named the copy when the
 * partition was created) the index of the partition's key `c` (`ADD CONSTRAINT … USING INDEX`, which renames
 * the index after the key): the key is then attached to the parent's index, as a key declared on the partition
 * before the parent's index was built is.
 */
export function keyOnParentCopySql(c: Extract<Constraint, { kind: 'PrimaryKey' | 'Unique' }>, parentIndex: { schema: string; name: string }): string {
  const what = c.kind === 'PrimaryKey' ? 'PRIMARY KEY' : 'UNIQUE';
  const table = literal(qualified(c.schema, c.table));
  return [
    'DO $schemakit$',
    'DECLARE copy text;',
    'BEGIN',
    '  SELECT ic.relname INTO STRICT copy FROM pg_catalog.pg_inherits h',
    '    JOIN pg_catalog.pg_index i ON i.indexrelid = h.inhrelid JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid',
    `   WHERE h.inhparent = ${literal(qualified(parentIndex.schema, parentIndex.name))}::pg_catalog.regclass AND i.indrelid = ${table}::pg_catalog.regclass;`,
    `  EXECUTE pg_catalog.format('ALTER TABLE %s ADD CONSTRAINT %I ${what} USING INDEX %I${deferrability(c)}', ${table}, ${literal(c.name)}, copy);`,
    'END',
    '$schemakit$',
  ].join('\n');
}
