import { ident, lexSql, nameOf } from '../util';

/**
 * Replaces an identifier token in a SQL expression as Postgres would print it after a rename: whole name
 * tokens only (a bare word written as `ident(from)` prints it, or a quoted name standing for `from`), never
 * inside string literals, comments or longer names. Used so that an explicit rename does not make every
 * expression mentioning the old name look changed.
 */
export function renameIdentifierInSql(sql: string, from: string, to: string): string {
  const old = ident(from);
  const repl = ident(to);
  return lexSql(sql)
    .map((l) => ((l.kind === 'word' && l.text === old) || (l.kind === 'quoted' && nameOf(l) === from) ? repl : l.text))
    .join('');
}
