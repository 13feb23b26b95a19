import type { Collation } from '../model';
import { ident, literal, qualified } from './quote';

/** `CREATE COLLATION s.name (provider = …, locale = … | lc_collate = …, lc_ctype = …[, deterministic = false])`. */
export function createCollationSql(c: Collation): string {
  const opts = [`provider = ${c.provider}`];
  if (c.provider !== 'libc') opts.push(`locale = ${literal(c.locale ?? '')}`);
  else if (c.lcCollate === c.lcCtype) opts.push(`locale = ${literal(c.lcCollate ?? '')}`);
  else opts.push(`lc_collate = ${literal(c.lcCollate ?? '')}`, `lc_ctype = ${literal(c.lcCtype ?? '')}`);
  if (!c.deterministic) opts.push('deterministic = false');
  return `CREATE COLLATION ${qualified(c.schema, c.name)} (${opts.join(', ')})`;
}

/** `DROP COLLATION s.name`. */
export function dropCollationSql(c: Pick<Collation, 'schema' | 'name'>): string {
  return `DROP COLLATION ${qualified(c.schema, c.name)}`;
}

/** `ALTER COLLATION s.from RENAME TO to`. */
export function renameCollationSql(schema: string, from: string, to: string): string {
  return `ALTER COLLATION ${qualified(schema, from)} RENAME TO ${ident(to)}`;
}
