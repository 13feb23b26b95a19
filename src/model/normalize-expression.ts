/**
 * Canonical form of expression texts printed by Postgres, for the few spellings whose deparse is not a
 * fixpoint: parsing the printed text again and printing it gives something else, so a plan that recreates the
 * object from the printed text would never converge.
 *
 * The common one (every PostgreSQL version to 18): `varchar_col IN ('a', 'b')` is stored and printed as
 * `((col)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))`, and that text
 * parses into a different tree, printed as `ANY (ARRAY[('a'::character varying)::text, …])`. The latter is
 * the fixpoint, so the former is rewritten into it.
 */
export function normalizeExpression(sql: string): string {
  const marker = 'ANY ((ARRAY[';
  let out = '';
  let from = 0;
  for (;;) {
    const at = sql.indexOf(marker, from);
    if (at < 0) return out + sql.slice(from);
    const open = at + marker.length - 1; // index of '['
    const close = matchBracket(sql, open);
    const rest = close < 0 ? null : /^\]\)::([a-z][a-z0-9_ ."]*)\[\]\)/.exec(sql.slice(close));
    if (close < 0 || !rest) {
      out += sql.slice(from, at + marker.length);
      from = at + marker.length;
      continue;
    }
    const type = rest[1];
    const elements = splitTopLevel(sql.slice(open + 1, close)).map((e) => {
      const t = e.trim();
      return t.endsWith(`)::${type}`) && t.startsWith('(') ? t : `(${t})::${type}`;
    });
    out += sql.slice(from, at) + `ANY (ARRAY[${elements.join(', ')}])`;
    from = close + rest[0].length;
  }
}

/** Index of the bracket closing the one at `open` (any of ( [ ), skipping string literals; -1 if none. */
function matchBracket(sql: string, open: number): number {
  let depth = 0;
  for (let i = open; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'") {
      i = skipString(sql, i) - 1;
    } else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Index just past the SQL string literal that starts at `start` (a `'`), doubled quotes included. */
export function skipString(sql: string, start: number): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === "'") {
      if (sql[i + 1] === "'") i += 2;
      else return i + 1;
    } else i++;
  }
  return i;
}

/**
 * Splits a list at commas outside brackets, string literals and quoted names; parts are trimmed and an
 * empty last part is dropped.
 */
export function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      for (i++; i < text.length; i++) {
        if (text[i] === ch) {
          if (text[i + 1] === ch) i++;
          else break;
        }
      }
    } else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last !== '') out.push(last);
  return out;
}
