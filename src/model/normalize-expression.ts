import { lexSql, type Lexeme } from '../util';

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
  const lexemes = lexSql(sql);
  let out = '';
  let from = 0;
  for (let k = 0; k < lexemes.length; k++) {
    const any = lexemes[k];
    if (any.start < from || any.kind !== 'word' || !sql.startsWith(marker, any.start)) continue;
    const open = lexemes.findIndex((l) => l.start === any.start + marker.length - 1); // the '['
    const close = closingBracket(lexemes, open);
    const rest = close < 0 ? null : /^\]\)::([a-z][a-z0-9_ ."]*)\[\]\)/.exec(sql.slice(lexemes[close].start));
    if (close < 0 || !rest) continue;
    const type = rest[1];
    const elements = splitTopLevel(sql.slice(lexemes[open].start + 1, lexemes[close].start)).map((t) =>
      t.endsWith(`)::${type}`) && t.startsWith('(') ? t : `(${t})::${type}`,
    );
    out += sql.slice(from, any.start) + `ANY (ARRAY[${elements.join(', ')}])`;
    from = lexemes[close].start + rest[0].length;
  }
  return out + sql.slice(from);
}

/** Index of the lexeme closing the bracket at lexeme `open` (any of ) ] at its depth), or -1. */
function closingBracket(lexemes: readonly Lexeme[], open: number): number {
  const depth = lexemes[open].depth;
  for (let i = open + 1; i < lexemes.length; i++) {
    const l = lexemes[i];
    if (l.kind === 'punct' && (l.text === ')' || l.text === ']') && l.depth === depth) return i;
  }
  return -1;
}

/**
 * Splits a list at commas outside brackets, string literals and quoted names; parts are trimmed and an
 * empty last part is dropped.
 */
export function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const l of lexSql(text)) {
    if (l.kind === 'punct' && l.text === ',' && l.depth === 0) {
      out.push(text.slice(start, l.start).trim());
      start = l.start + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last !== '') out.push(last);
  return out;
}
