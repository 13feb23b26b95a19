import type { Schema } from '../model';
import { ident } from './quote';

/** `CREATE SCHEMA name`. */
export function createSchemaSql(schema: Pick<Schema, 'name'>): string {
  return `CREATE SCHEMA ${ident(schema.name)}`;
}

/** `DROP SCHEMA name` (RESTRICT: fails rather than dropping objects the plan does not know about). */
export function dropSchemaSql(schema: Pick<Schema, 'name'>): string {
  return `DROP SCHEMA ${ident(schema.name)}`;
}
