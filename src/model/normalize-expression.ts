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
  for (const any of lexemes) {
    if (any.start < from || any.kind !== 'word' || !sql.startsWith(marker, any.start)) continue;
    const open = lexemes.findIndex((l) => l.start === any.start + marker.length - 1); // the '['
    const [openAt, closeAt] = [lexemes[open], lexemes[closingBracket(lexemes, open)]];
    const rest = closeAt && /^\]\)::([a-z][a-z0-9_ ."]*)\[\]\)/.exec(sql.slice(closeAt.start));
    if (!openAt || !closeAt || !rest) continue;
    const [matched, type] = rest;
    const elements = splitTopLevel(sql.slice(openAt.start + 1, closeAt.start)).map((t) =>
      t.endsWith(`)::${type}`) && t.startsWith('(') ? t : `(${t})::${type}`,
    );
    out += sql.slice(from, any.start) + `ANY (ARRAY[${elements.join(', ')}])`;
    from = closeAt.start + matched.length;
  }
  return out + sql.slice(from);
}

/** Index of the lexeme closing the bracket at lexeme `open` (any of ) ] at its depth), or -1. */
function closingBracket(lexemes: readonly Lexeme[], open: number): number {
  const depth = lexemes[open]?.depth;
  if (depth === undefined) return -1;
  for (let i = open + 1; i < lexemes.length; i++) {
    const l = lexemes[i];
    if (l && l.kind === 'punct' && (l.text === ')' || l.text === ']') && l.depth === depth) return i;
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
