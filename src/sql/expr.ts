/**
 * Helpers for SQL expression texts taken from the model (printed by Postgres or written by the user):
 * they are emitted verbatim, only wrapped in parentheses where the grammar needs it.
 */

/**
 * Scans `sql` at the top level (outside quotes and parentheses) and returns it with every quoted string
 * collapsed to `''`, every quoted identifier to `""` and every parenthesized group to `()`.
 */
function topLevel(sql: string): string | null {
  let out = '';
  let depth = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (sql[j] === ch) {
          if (sql[j + 1] === ch) j++;
          else break;
        }
      }
      if (j >= sql.length) return null;
      if (depth === 0) out += ch + ch;
      i = j;
    } else if (ch === '(' || ch === '[') {
      if (depth === 0) out += ch;
      depth++;
    } else if (ch === ')' || ch === ']') {
      depth--;
      if (depth < 0) return null;
      if (depth === 0) out += ch;
    } else if (depth === 0) out += ch;
  }
  return depth === 0 ? out : null;
}

/** True when the whole text is one parenthesized group: `(a > 0)` but not `(a > 0) AND (b > 0)`. */
export function isWrapped(sql: string): boolean {
  const s = sql.trim();
  if (!s.startsWith('(')) return false;
  const top = topLevel(s);
  return top === '()';
}

/** Wraps an expression in parentheses unless it already is wrapped as a whole. */
export function parens(sql: string): string {
  return isWrapped(sql) ? sql.trim() : `(${sql.trim()})`;
}

/**
 * True for expressions that are safe where the grammar accepts only a restricted expression (`DEFAULT`
 * takes a `b_expr`: no AND/OR/IS/IN…): a literal, a number, a name, a function call or a parenthesized
 * group, each optionally followed by `::type` casts.
 */
export function isAtomic(sql: string): boolean {
  const top = topLevel(sql.trim());
  if (top === null) return false;
  const term = String.raw`(?:''|""|-?[0-9][0-9.eE+-]*|[A-Za-z_][A-Za-z0-9_$]*(?:\.(?:[A-Za-z_][A-Za-z0-9_$]*|""))*(?:\(\))?|\(\))`;
  const name = String.raw`(?:[A-Za-z_][A-Za-z0-9_$]*|"")`;
  const multiWord = String.raw`(?:character varying|double precision|bit varying|(?:timestamp|time)(?:\(\))? with(?:out)? time zone)`;
  const cast = String.raw`(?:::(?:${multiWord}|${name}(?:\.${name})*)(?:\(\))?(?:\[\])*)`;
  return new RegExp(`^${term}${cast}*$`).test(top);
}

/** A default expression as it may follow `DEFAULT`: verbatim when atomic, else parenthesized. */
export function defaultExpr(sql: string): string {
  return isAtomic(sql) ? sql.trim() : parens(sql);
}
