import type { Extension } from '../model';
import { ident, literal } from './quote';

/** `CREATE EXTENSION name WITH SCHEMA schema [VERSION 'v']`. */
export function createExtensionSql(e: Extension): string {
  const version = e.version !== null ? ` VERSION ${literal(e.version)}` : '';
  return `CREATE EXTENSION ${ident(e.name)} WITH SCHEMA ${ident(e.schema)}${version}`;
}

/** `DROP EXTENSION name` (RESTRICT: fails while objects of the plan's world still use it). */
export function dropExtensionSql(e: Pick<Extension, 'name'>): string {
  return `DROP EXTENSION ${ident(e.name)}`;
}

/** `ALTER EXTENSION name UPDATE TO 'version'`. */
export function updateExtensionSql(name: string, version: string): string {
  return `ALTER EXTENSION ${ident(name)} UPDATE TO ${literal(version)}`;
}

/** `ALTER EXTENSION name SET SCHEMA schema`. */
export function setExtensionSchemaSql(name: string, schema: string): string {
  return `ALTER EXTENSION ${ident(name)} SET SCHEMA ${ident(schema)}`;
}
