import { ident, lexSql, literal, nameOf, qualified, stringValue, type Lexeme } from '../util';

/**
 * Replaces an identifier token in a SQL expression as Postgres would print it after a rename: whole name
 * tokens only (a bare word written as `ident(from)` prints it, or a quoted name standing for `from`), never
 * inside string literals, comments or longer names. Used so that an explicit rename does not make every
 * expression mentioning the old name look changed.
 */
export function renameIdentifierInSql(sql: string, from: string, to: string): string {
  return replaceNameInSql(sql, [from], [to]);
}

/**
 * Replaces a schema-qualified name (`public.mood`, as catalogs print user types) by another in the same
 * schema, whole tokens only and never inside string literals or comments.
 */
export function renameQualifiedInSql(sql: string, schema: string, from: string, to: string): string {
  return replaceNameInSql(sql, [schema, from], [schema, to]);
}

/**
 * Replaces a text search configuration constant as Postgres prints it in expressions, `'schema.from'::regconfig`,
 * by the renamed one: a whole string token followed by `::regconfig`, never text inside another string or a comment.
 */
export function renameRegconfigInSql(sql: string, schema: string, from: string, to: string): string {
  const lx = lexSql(sql);
  const old = qualified(schema, from);
  return lx
    .map((l, i) =>
      l.kind === 'string' && stringValue(l) === old && lx[i + 1]?.text === '::' && lx[i + 2]?.text.toLowerCase() === 'regconfig'
        ? literal(qualified(schema, to))
        : l.text,
    )
    .join('');
}

/** True when the lexeme names `name` (a bare word as ident() prints it, or a quoted name). */
const names = (l: Lexeme | undefined, name: string): boolean =>
  !!l && ((l.kind === 'word' && l.text === ident(name)) || (l.kind === 'quoted' && nameOf(l) === name));

/** Replaces the dotted name `from` (its parts, unquoted) by `to` where it stands as whole tokens. */
function replaceNameInSql(sql: string, from: readonly string[], to: readonly string[]): string {
  const lx = lexSql(sql);
  const repl = to.map(ident).join('.');
  let out = '';
  for (let i = 0; i < lx.length; i++) {
    const at = (k: number) => lx[i + 2 * k];
    const whole = from.every((part, k) => names(at(k), part) && (k === 0 || (lx[i + 2 * k - 1]?.kind === 'punct' && lx[i + 2 * k - 1]?.text === '.')));
    if (whole) {
      out += repl;
      i += 2 * from.length - 2;
      continue;
    }
    out += lx[i]!.text;
  }
  return out;
}
