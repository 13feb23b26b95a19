import type { Constraint, Index } from '../model';
import { addConstraintSql, deferrability } from './constraint';
import { ident, qualified } from './quote';

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
