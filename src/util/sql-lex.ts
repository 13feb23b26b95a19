/**
 * The one SQL lexer: every piece of code that reads SQL text (statement splitting, expression
 * normalization, identifiers of an expression, renames inside expressions, dependency keys, lint) works on
 * its lexemes, so they all agree on what is a string, a quoted name or a comment (as Atlas's
 * `sql/migrate/lex.go`). It follows PostgreSQL's scan.l where it matters for that: `'…'` literals with
 * doubled quotes, `E'…'` literals with backslash escapes, `"…"` identifiers, `$tag$…$tag$` bodies, `--` and
 * nested `/* *\/` comments. It never fails: an unterminated quote or comment runs to the end of the text.
 * Concatenating the lexemes' texts gives the input back.
 */

/** What a lexeme is. `word` is a keyword or bare name; `dollar` a dollar-quoted body; `param` a `$1`. */
export type LexemeKind = 'space' | 'line-comment' | 'block-comment' | 'string' | 'dollar' | 'quoted' | 'word' | 'number' | 'param' | 'punct';

/** One lexeme: its kind, its text as written, where it is in the input, and how deep in ( ) and [ ] it sits. */
export interface Lexeme {
  readonly kind: LexemeKind;
  readonly text: string;
  /** Index of its first character in the input. */
  readonly start: number;
  /**
   * Open `(` / `[` around it. A bracket has the depth outside it, so a pair has one depth. Unbalanced text
   * may go below zero.
   */
  readonly depth: number;
}

/** Operators of two characters that are one punctuation lexeme (the rest is one character each). */
const TWO_CHAR_PUNCT = new Set(['::', '<>', '>=', '<=', '!=']);

const isWordStart = (ch: string | undefined) => ch !== undefined && (/[A-Za-z_]/.test(ch) || ch >= '\u0080');
const isWordChar = (ch: string | undefined) => ch !== undefined && (/[A-Za-z0-9_$]/.test(ch) || ch >= '\u0080');

/** Index just past the quoted run at `i` (quote `q` doubled inside; `\` escapes the next character when `backslashes`). */
function endOfQuoted(s: string, i: number, q: string, backslashes: boolean): number {
  for (let j = i + 1; j < s.length; j++) {
    if (backslashes && s[j] === '\\') j++;
    else if (s[j] === q) {
      if (s[j + 1] !== q) return j + 1;
      j++;
    }
  }
  return s.length;
}

/** Index just past the nested block comment at `i`. */
function endOfBlockComment(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length;) {
    if (s.startsWith('/*', j)) {
      depth++;
      j += 2;
    } else if (s.startsWith('*/', j)) {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else j++;
  }
  return s.length;
}

/** The prefix of a string literal at `i` (`E`, `B`, `X`, `N`, `U&`), or null when `i` starts none. */
function stringPrefix(s: string, i: number): string | null {
  const m = /^(?:[EeBbXxNn]|[Uu]&)'/.exec(s.slice(i, i + 3));
  return m ? m[0].slice(0, -1) : null;
}

/** Kind and end of the lexeme at `i`. */
function scanOne(s: string, i: number): [LexemeKind, number] {
  const ch = s.charAt(i);
  if (/\s/.test(ch)) {
    let j = i + 1;
    while (j < s.length && /\s/.test(s.charAt(j))) j++;
    return ['space', j];
  }
  if (ch === '-' && s[i + 1] === '-') {
    const nl = s.indexOf('\n', i);
    return ['line-comment', nl < 0 ? s.length : nl];
  }
  if (ch === '/' && s[i + 1] === '*') return ['block-comment', endOfBlockComment(s, i)];
  if (ch === "'") return ['string', endOfQuoted(s, i, "'", false)];
  const prefix = stringPrefix(s, i);
  if (prefix !== null) {
    const at = i + prefix.length;
    return ['string', endOfQuoted(s, at, "'", prefix === 'E' || prefix === 'e')];
  }
  if (ch === '"') return ['quoted', endOfQuoted(s, i, '"', false)];
  if (ch === '$') {
    const tag = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(s.slice(i, i + 66));
    if (tag) {
      const end = s.indexOf(tag[0], i + tag[0].length);
      return ['dollar', end < 0 ? s.length : end + tag[0].length];
    }
    const param = /^\$\d+/.exec(s.slice(i, i + 12));
    if (param) return ['param', i + param[0].length];
  }
  if (isWordStart(ch)) {
    let j = i + 1;
    while (isWordChar(s[j])) j++;
    return ['word', j];
  }
  const num = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(s.slice(i, i + 64));
  if (num) return ['number', i + num[0].length];
  return ['punct', i + (TWO_CHAR_PUNCT.has(s.slice(i, i + 2)) ? 2 : 1)];
}

/** The lexemes of `sql`, spaces and comments included. */
export function lexSql(sql: string): Lexeme[] {
  const out: Lexeme[] = [];
  let depth = 0;
  for (let i = 0; i < sql.length;) {
    const [kind, end] = scanOne(sql, i);
    const text = sql.slice(i, end);
    if (kind === 'punct' && (text === ')' || text === ']')) depth--;
    out.push({ kind, text, start: i, depth });
    if (kind === 'punct' && (text === '(' || text === '[')) depth++;
    i = end;
  }
  return out;
}

/** True for spaces and comments: lexemes that separate tokens and mean nothing else. */
export function isTrivia(l: Lexeme): boolean {
  return l.kind === 'space' || l.kind === 'line-comment' || l.kind === 'block-comment';
}

/** The lexemes of `sql` without spaces and comments. */
export function sqlTokens(sql: string): Lexeme[] {
  return lexSql(sql).filter((l) => !isTrivia(l));
}

/** The name a `quoted` lexeme stands for (`"a""b"` is `a"b`). */
export function quotedName(l: Lexeme): string {
  const closed = l.text.length > 1 && l.text.endsWith('"');
  return l.text.slice(1, closed ? -1 : undefined).replace(/""/g, '"');
}

/**
 * The name a `word` or `quoted` lexeme stands for, or null for other lexemes. Bare words are kept as
 * written unless `fold` (Postgres folds them to lower case).
 */
export function nameOf(l: Lexeme, fold = false): string | null {
  if (l.kind === 'quoted') return quotedName(l);
  if (l.kind === 'word') return fold ? l.text.toLowerCase() : l.text;
  return null;
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The value of a plain `'…'` or `E'…'` string lexeme (doubled quotes and the common backslash escapes undone). */
export function stringValue(l: Lexeme): string {
  const escaped = /^[Ee]'/.test(l.text);
  const body = l.text.slice(l.text.indexOf("'") + 1, l.text.length > 1 && l.text.endsWith("'") ? -1 : undefined);
  if (!escaped) return body.replace(/''/g, "'");
  return body.replace(/\\(.)|''/gs, (_, c: string | undefined) => (c === undefined ? "'" : (ESCAPES[c] ?? c)));
}
