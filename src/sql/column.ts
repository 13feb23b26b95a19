import type { Column, SequenceOptions } from '../model';
import { defaultExpr, parens } from './expr';
import { assertNever } from '../util';
import { ident, literal, qualified } from './quote';
import { identityOptionsClause, identityOptionsSetSql } from './sequence';

/** `serial`, `bigserial`, `smallserial` and the integer type each stands for. */
export const serialTypes: Readonly<Record<string, string>> = { smallserial: 'smallint', serial: 'integer', bigserial: 'bigint' };

/** True when the column type is one of the serial pseudo-types. */
export function isSerial(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(serialTypes, type);
}

/** The storage type of a column type: the integer type for serials, else the type itself. */
export function storageType(type: string): string {
  return isSerial(type) ? (serialTypes[type] ?? type) : type;
}

/**
 * Name Postgres gives the sequence of a serial column: `table_column_seq`. (It is truncated to 63 bytes
 * and suffixed on conflicts, which this does not reproduce.)
 */
export function serialSequenceName(table: string, column: string): string {
  return `${table}_${column}_seq`;
}

/** A column definition as in CREATE TABLE / ADD COLUMN: name, type, COLLATE, generation, DEFAULT, NOT NULL. */
export function columnDefinitionSql(c: Column): string {
  const parts = [ident(c.name), c.type];
  if (c.collation !== null) parts.push(`COLLATE ${c.collation}`);
  if (c.compression !== null) parts.push(`COMPRESSION ${ident(c.compression)}`);
  if (c.generated !== null) parts.push(`GENERATED ALWAYS AS ${parens(c.generated)} ${c.virtual === true ? 'VIRTUAL' : 'STORED'}`);
  if (c.identity !== null) parts.push(`GENERATED ${c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${identityOptionsClause(c.identityOptions)}`);
  if (c.default !== null) parts.push(`DEFAULT ${defaultExpr(c.default)}`);
  if (c.notNull) parts.push('NOT NULL');
  return parts.join(' ');
}

/** `ALTER TABLE t ADD COLUMN definition`. */
export function addColumnSql(schema: string, table: string, c: Column): string {
  return `ALTER TABLE ${qualified(schema, table)} ADD COLUMN ${columnDefinitionSql(c)}`;
}

/** `ALTER TABLE t DROP COLUMN name`. */
export function dropColumnSql(schema: string, table: string, column: string): string {
  return `ALTER TABLE ${qualified(schema, table)} DROP COLUMN ${ident(column)}`;
}

/** `ALTER TABLE t RENAME COLUMN from TO to`. */
export function renameColumnSql(schema: string, table: string, from: string, to: string): string {
  return `ALTER TABLE ${qualified(schema, table)} RENAME COLUMN ${ident(from)} TO ${ident(to)}`;
}

/** One `ALTER TABLE t ALTER COLUMN c …` action. */
export type ColumnAction =
  | { readonly kind: 'SetType'; readonly type: string; readonly collation: string | null; readonly using: string | null }
  | { readonly kind: 'SetDefault'; readonly expression: string }
  | { readonly kind: 'DropDefault' }
  | { readonly kind: 'SetNotNull' }
  | { readonly kind: 'DropNotNull' }
  | { readonly kind: 'AddIdentity'; readonly generation: 'always' | 'by-default'; readonly options?: SequenceOptions | null }
  | { readonly kind: 'SetIdentityOptions'; readonly from: SequenceOptions; readonly to: SequenceOptions }
  | { readonly kind: 'SetGeneration'; readonly generation: 'always' | 'by-default' }
  | { readonly kind: 'DropIdentity' }
  | { readonly kind: 'DropExpression' };

/** `ALTER TABLE t ALTER COLUMN c <action>`; with `only`, `ALTER TABLE ONLY t` (not recursing into partitions and child tables). */
export function alterColumnSql(schema: string, table: string, column: string, action: ColumnAction, only = false): string {
  const gen = (g: 'always' | 'by-default') => (g === 'always' ? 'ALWAYS' : 'BY DEFAULT');
  let body: string;
  switch (action.kind) {
    case 'SetType':
      body = `TYPE ${action.type}${action.collation !== null ? ` COLLATE ${action.collation}` : ''}${action.using !== null ? ` USING ${action.using}` : ''}`;
      break;
    case 'SetDefault':
      body = `SET DEFAULT ${defaultExpr(action.expression)}`;
      break;
    case 'DropDefault':
      body = 'DROP DEFAULT';
      break;
    case 'SetNotNull':
      body = 'SET NOT NULL';
      break;
    case 'DropNotNull':
      body = 'DROP NOT NULL';
      break;
    case 'AddIdentity':
      body = `ADD GENERATED ${gen(action.generation)} AS IDENTITY${identityOptionsClause(action.options ?? null)}`;
      break;
    case 'SetIdentityOptions':
      body = identityOptionsSetSql(action.from, action.to).join(' ');
      break;
    case 'SetGeneration':
      body = `SET GENERATED ${gen(action.generation)}`;
      break;
    case 'DropIdentity':
      body = 'DROP IDENTITY';
      break;
    // PostgreSQL ≥ 13: turns a stored generated column into a plain one, keeping its values.
    case 'DropExpression':
      body = 'DROP EXPRESSION';
      break;
    default:
      return assertNever(action, 'column action');
  }
  return `ALTER TABLE ${only ? 'ONLY ' : ''}${qualified(schema, table)} ALTER COLUMN ${ident(column)} ${body}`;
}

/** `CREATE SEQUENCE s.name AS type OWNED BY s.table.column` (what `serial` does behind the scenes). */
export function createOwnedSequenceSql(schema: string, name: string, type: string, table: string, column: string): string {
  return `CREATE SEQUENCE ${qualified(schema, name)} AS ${type} OWNED BY ${qualified(schema, table)}.${ident(column)}`;
}

/** `DROP SEQUENCE s.name`. */
export function dropSequenceSql(schema: string, name: string): string {
  return `DROP SEQUENCE ${qualified(schema, name)}`;
}

/** The `nextval('s.seq'::regclass)` default of a serial column, as Postgres prints it. */
export function nextvalDefault(schema: string, sequence: string): string {
  return `nextval(${literal(qualified(schema, sequence))}::regclass)`;
}
