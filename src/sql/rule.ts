import type { Rule } from '../model';
import { ident, qualified } from './quote';

type RuleName = Pick<Rule, 'schema' | 'table' | 'name'>;

/** The rule's `CREATE RULE …` statement (its definition), or `CREATE OR REPLACE RULE …` to change it in place. */
export function createRuleSql(r: Pick<Rule, 'definition'>, orReplace = false): string {
  return orReplace ? r.definition.replace(/^CREATE RULE /, 'CREATE OR REPLACE RULE ') : r.definition;
}

/** `DROP RULE name ON schema.table`. */
export function dropRuleSql(r: RuleName): string {
  return `DROP RULE ${ident(r.name)} ON ${qualified(r.schema, r.table)}`;
}

/** `ALTER RULE from ON schema.table RENAME TO to`. */
export function renameRuleSql(schema: string, table: string, from: string, to: string): string {
  return `ALTER RULE ${ident(from)} ON ${qualified(schema, table)} RENAME TO ${ident(to)}`;
}
