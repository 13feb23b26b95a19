import { skipString } from '../model';
import { ident } from '../sql/quote';

/**
 * Replaces an identifier token in a SQL expression as Postgres would print it after a rename: whole tokens
 * only, never inside string literals or as part of a longer name. Used so that an explicit rename does not
 * make every expression mentioning the old name look changed.
 */
export function renameIdentifierInSql(sql: string, from: string, to: string): string {
  return replaceNameInSql(sql, ident(from), ident(to));
}

/**
 * Replaces a schema-qualified name (`public.mood`, as catalogs print user types) by another in the same
 * schema, whole tokens only and never inside string literals.
 */
export function renameQualifiedInSql(sql: string, schema: string, from: string, to: string): string {
  return replaceNameInSql(sql, `${ident(schema)}.${ident(from)}`, `${ident(schema)}.${ident(to)}`);
}

/** Replaces the (quoted as needed) name `old` by `repl` where it stands as whole tokens outside literals. */
function replaceNameInSql(sql: string, old: string, repl: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === "'") {
      const end = skipString(sql, i);
      out += sql.slice(i, end);
      i = end;
      continue;
    }
    if (sql.startsWith(old, i) && !isIdentChar(sql[i - 1]) && !isIdentChar(sql[i + old.length]) && (old[0] !== '"' || sql[i - 1] !== '"')) {
      out += repl;
      i += old.length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function isIdentChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_$]/.test(ch);
}
