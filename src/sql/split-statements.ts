/**
 * A tolerant SQL script splitter and tokenizer for migration files: statements end at `;` outside string
 * literals (`'…'`, `E'…'`), quoted identifiers, dollar-quoted bodies (`$$…$$`, `$tag$…$tag$`) and comments
 * (`-- …`, nested `/* … *\/`). It never fails: an unterminated quote runs to the end of the text.
 */

/** One statement of a script: its text (from its first token, inner and trailing comments kept, no `;`) and the line it starts on (1-based). */
export interface ScriptStatement {
  readonly sql: string;
  readonly line: number;
  /** The comments and blank lines between the previous statement and this one. */
  readonly leading: string;
}

/** Index just past the quoted run starting at `i` (`'` or `"`, the quote doubled inside). */
function skipQuoted(s: string, i: number, q: string, backslashes: boolean): number {
  let j = i + 1;
  while (j < s.length) {
    if (backslashes && s[j] === '\\') j += 2;
    else if (s[j] === q) {
      if (s[j + 1] === q) j += 2;
      else return j + 1;
    } else j++;
  }
  return s.length;
}

/** Index past a `/* … *\/` comment (nested, as Postgres allows). */
function skipBlockComment(s: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < s.length) {
    if (s.startsWith('/*', j)) { depth++; j += 2; } else if (s.startsWith('*/', j)) { depth--; j += 2; if (depth === 0) return j; } else j++;
  }
  return s.length;
}

/** The opening `$tag$` at `i`, or null (a `$1` parameter or a `$` inside a name is not one). */
function dollarTag(s: string, i: number): string | null {
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(s.slice(i, i + 66));
  return m && !(i > 0 && /[A-Za-z0-9_]/.test(s[i - 1])) ? m[0] : null;
}

/** Index past whatever quoted or commented run starts at `i`, or `i` when none does. */
function skipNonCode(s: string, i: number): number {
  const ch = s[i];
  if (ch === "'") return skipQuoted(s, i, "'", i > 0 && /[eE]/.test(s[i - 1]) && !/[A-Za-z0-9_]/.test(s[i - 2] ?? ''));
  if (ch === '"') return skipQuoted(s, i, '"', false);
  if (ch === '-' && s[i + 1] === '-') {
    const nl = s.indexOf('\n', i);
    return nl < 0 ? s.length : nl;
  }
  if (ch === '/' && s[i + 1] === '*') return skipBlockComment(s, i);
  if (ch === '$') {
    const tag = dollarTag(s, i);
    if (tag !== null) {
      const end = s.indexOf(tag, i + tag.length);
      return end < 0 ? s.length : end + tag.length;
    }
  }
  return i;
}

/**
 * Splits a script into statements; empty ones (only whitespace and comments) are dropped. Like psql, a
 * `BEGIN ATOMIC … END` body of CREATE FUNCTION/PROCEDURE (with CASE … END inside it) is one statement.
 */
export function splitStatements(script: string): ScriptStatement[] {
  const out: ScriptStatement[] = [];
  let start = 0;
  const push = (end: number) => {
    // The statement starts at its first character that is neither blank nor in a comment.
    let at = start;
    while (at < end) {
      if (/\s/.test(script[at])) at++;
      else if (script.startsWith('--', at) || script.startsWith('/*', at)) at = skipNonCode(script, at);
      else break;
    }
    if (at < end) out.push({ sql: script.slice(at, end).trim(), line: script.slice(0, at).split('\n').length, leading: script.slice(start, at) });
  };
  let words: string[] = []; // the statement's first words, upper-cased (enough to recognise CREATE … FUNCTION)
  let previous = '';
  let depth = 0; // BEGIN ATOMIC / CASE nesting inside a routine body
  for (let i = 0; i < script.length;) {
    const next = skipNonCode(script, i);
    if (next !== i) { i = next; continue; }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(script.slice(i, i + 64));
    if (word && !(i > 0 && /[A-Za-z0-9_$]/.test(script[i - 1]))) {
      const w = word[0].toUpperCase();
      if (words.length < 8) words.push(w);
      const routine = words[0] === 'CREATE' && (words.includes('FUNCTION') || words.includes('PROCEDURE'));
      if (routine && w === 'ATOMIC' && previous === 'BEGIN') depth++;
      else if (depth > 0 && w === 'CASE') depth++;
      else if (depth > 0 && w === 'END') depth--;
      previous = w;
      i += word[0].length;
      continue;
    }
    if (script[i] === ';' && depth === 0) {
      push(i);
      start = i + 1;
      words = [];
      previous = '';
    }
    i++;
  }
  push(script.length);
  return out;
}

/** The text with its comments removed (strings and quoted names kept). */
export function stripComments(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length;) {
    const next = skipNonCode(sql, i);
    if (next === i) { out += sql[i++]; continue; }
    const isComment = sql.startsWith('--', i) || sql.startsWith('/*', i);
    out += isComment ? ' ' : sql.slice(i, next);
    i = next;
  }
  return out;
}

/** A token of a statement: a keyword or bare name (`word`, upper-cased in `upper`), a quoted name, a literal, or punctuation. */
export interface SqlToken {
  readonly kind: 'word' | 'quoted' | 'string' | 'number' | 'punct';
  /** The text as written (for `quoted`, the name without quotes). */
  readonly text: string;
  /** `text` upper-cased for words, else `text`. */
  readonly upper: string;
}

/** Tokens of one statement, comments skipped; dollar-quoted bodies and string literals are single `string` tokens. */
export function tokenize(sql: string): SqlToken[] {
  const out: SqlToken[] = [];
  for (let i = 0; i < sql.length;) {
    const ch = sql[i];
    if (/\s/.test(ch)) { i++; continue; }
    const next = skipNonCode(sql, i);
    if (next !== i) {
      const text = sql.slice(i, next);
      if (ch === '"') out.push({ kind: 'quoted', text: text.slice(1, -1).replace(/""/g, '"'), upper: text.slice(1, -1).replace(/""/g, '"') });
      else if (ch === "'" || ch === '$') out.push({ kind: 'string', text, upper: text });
      i = next;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i));
    if (word) {
      // E'…' / U&'…' prefixes belong to the literal that follows.
      if (sql[i + word[0].length] === "'" && /^[eE]$/.test(word[0])) { i += word[0].length; continue; }
      out.push({ kind: 'word', text: word[0], upper: word[0].toUpperCase() });
      i += word[0].length;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(sql.slice(i));
    if (num) { out.push({ kind: 'number', text: num[0], upper: num[0] }); i += num[0].length; continue; }
    const two = sql.slice(i, i + 2);
    const p = two === '::' || two === '<>' || two === '>=' || two === '<=' || two === '!=' ? two : ch;
    out.push({ kind: 'punct', text: p, upper: p });
    i += p.length;
  }
  return out;
}
