import { isTrivia, lexSql, quotedName, sqlTokens, must } from '../util';

/**
 * A tolerant SQL script splitter and tokenizer for migration files, on the one lexer (util/sql-lex.ts):
 * statements end at `;` outside string literals (`'…'`, `E'…'`), quoted identifiers, dollar-quoted bodies
 * (`$$…$$`, `$tag$…$tag$`) and comments (`-- …`, nested `/* … *\/`). It never fails: an unterminated quote
 * runs to the end of the text.
 */

/** One statement of a script: its text (from its first token, inner and trailing comments kept, no `;`) and the line it starts on (1-based). */
export interface ScriptStatement {
  readonly sql: string;
  readonly line: number;
  /** The comments and blank lines between the previous statement and this one. */
  readonly leading: string;
}

/**
 * Splits a script into statements; empty ones (only whitespace and comments) are dropped. Like psql, a
 * `BEGIN ATOMIC … END` body of CREATE FUNCTION/PROCEDURE (with CASE … END inside it) is one statement, and
 * so is a `;` inside parentheses (the actions of a rule: `DO (INSERT …; NOTIFY …)`).
 */
export function splitStatements(script: string): ScriptStatement[] {
  const lexemes = lexSql(script);
  const out: ScriptStatement[] = [];
  let start = 0; // lexeme index where the current statement's text (leading comments included) starts
  const push = (end: number) => {
    // The statement starts at its first lexeme that is neither blank nor a comment.
    const lexeme = (i: number) => must(lexemes[i], `lexeme ${i}`);
    let at = start;
    while (at < end && isTrivia(lexeme(at))) at++;
    if (at === end) return;
    const from = lexeme(at).start;
    const to = lexemes[end]?.start ?? script.length;
    const leading = script.slice(lexeme(start).start, from);
    out.push({ sql: script.slice(from, to).trim(), line: script.slice(0, from).split('\n').length, leading });
  };
  let words: string[] = []; // the statement's first words, upper-cased (enough to recognise CREATE … FUNCTION)
  let previous = '';
  let depth = 0; // BEGIN ATOMIC / CASE nesting inside a routine body
  lexemes.forEach((l, i) => {
    if (l.kind === 'word') {
      const w = l.text.toUpperCase();
      if (words.length < 8) words.push(w);
      const routine = words[0] === 'CREATE' && (words.includes('FUNCTION') || words.includes('PROCEDURE'));
      if (routine && w === 'ATOMIC' && previous === 'BEGIN') depth++;
      else if (depth > 0 && w === 'CASE') depth++;
      else if (depth > 0 && w === 'END') depth--;
      previous = w;
    } else if (l.kind === 'punct' && l.text === ';' && depth === 0 && l.depth <= 0) {
      push(i);
      start = i + 1;
      words = [];
      previous = '';
    }
  });
  push(lexemes.length);
  return out;
}

/** The text with its comments removed (strings and quoted names kept). */
export function stripComments(sql: string): string {
  return lexSql(sql)
    .map((l) => (l.kind === 'line-comment' || l.kind === 'block-comment' ? ' ' : l.text))
    .join('');
}

/** A token of a statement: a keyword or bare name (`word`, upper-cased in `upper`), a quoted name, a literal, or punctuation. */
export interface SqlToken {
  readonly kind: 'word' | 'quoted' | 'string' | 'number' | 'punct';
  /** The text as written (for `quoted`, the name without quotes). */
  readonly text: string;
  /** `text` upper-cased for words, else `text`. */
  readonly upper: string;
  /** Open parentheses and brackets around it (see Lexeme). */
  readonly depth: number;
}

/** Tokens of one statement, comments skipped; dollar-quoted bodies and string literals are single `string` tokens. */
export function tokenize(sql: string): SqlToken[] {
  return sqlTokens(sql).map((l): SqlToken => {
    switch (l.kind) {
      case 'quoted':
        return { kind: 'quoted', text: quotedName(l), upper: quotedName(l), depth: l.depth };
      case 'string':
      case 'dollar':
        return { kind: 'string', text: l.text, upper: l.text, depth: l.depth };
      case 'word':
        return { kind: 'word', text: l.text, upper: l.text.toUpperCase(), depth: l.depth };
      case 'number':
        return { kind: 'number', text: l.text, upper: l.text, depth: l.depth };
      default:
        return { kind: 'punct', text: l.text, upper: l.text, depth: l.depth };
    }
  });
}
