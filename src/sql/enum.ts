import type { Enum } from '../model';
import { ident, literal, qualified } from './quote';

/** `CREATE TYPE schema.name AS ENUM ('a', 'b')`. */
export function createEnumSql(e: Pick<Enum, 'schema' | 'name' | 'values'>): string {
  return `CREATE TYPE ${qualified(e.schema, e.name)} AS ENUM (${e.values.map(literal).join(', ')})`;
}

/** `DROP TYPE schema.name`. */
export function dropEnumSql(e: Pick<Enum, 'schema' | 'name'>): string {
  return `DROP TYPE ${qualified(e.schema, e.name)}`;
}

/** `ALTER TYPE schema.from RENAME TO to`. */
export function renameEnumSql(schema: string, from: string, to: string): string {
  return `ALTER TYPE ${qualified(schema, from)} RENAME TO ${ident(to)}`;
}

/** `ALTER TYPE schema.name RENAME VALUE 'from' TO 'to'` (PostgreSQL ≥ 10). */
export function renameEnumValueSql(schema: string, name: string, from: string, to: string): string {
  return `ALTER TYPE ${qualified(schema, name)} RENAME VALUE ${literal(from)} TO ${literal(to)}`;
}

/**
 * `ALTER TYPE … ADD VALUE IF NOT EXISTS 'v' [BEFORE|AFTER 'n']`. IF NOT EXISTS makes a re-run after a
 * partial apply harmless, since this statement runs outside the migration transaction.
 */
export function addEnumValueSql(schema: string, name: string, value: string, position: { before: string | null; after: string | null }): string {
  const where = position.before !== null ? ` BEFORE ${literal(position.before)}` : position.after !== null ? ` AFTER ${literal(position.after)}` : '';
  return `ALTER TYPE ${qualified(schema, name)} ADD VALUE IF NOT EXISTS ${literal(value)}${where}`;
}
