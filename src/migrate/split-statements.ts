/** One statement of a migration file. */
export interface FileStatement {
  /** The statement text without its terminating `;` and without the comments above it. */
  readonly sql: string;
  /** 1-based line of the statement's first character in the file. */
  readonly line: number;
  /**
   * True when a comment line `-- outside transaction` (as `renderUp` writes) or `-- schemakit:no-transaction`
   * stands directly above the statement: it must run outside the migration transaction.
   */
  readonly outsideTransaction: boolean;
}

const OUTSIDE_MARKER = /^--\s*(outside transaction|schemakit:no-transaction)\s*$/im;

/**
 * Splits a SQL script into statements at top-level `;`, skipping over string literals ('…', E'…' with
 * backslash escapes), quoted identifiers, dollar-quoted bodies ($tag$…$tag$), line comments and nested
 * block comments, so a hand-written migration with functions or DO blocks splits where psql would.
 * Statements that are only comments are dropped.
 */
export function splitStatements(text: string): FileStatement[] {
  const out: FileStatement[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const body = stripLeadingComments(raw);
    if (body.sql.trim() !== '') {
      const offset = start + body.offset;
      out.push({
        sql: body.sql.trim(),
        line: lineAt(text, offset + (body.sql.length - body.sql.trimStart().length)),
        outsideTransaction: OUTSIDE_MARKER.test(body.comments),
      });
    }
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === "'") i = skipQuoted(text, i, "'", isEscapeString(text, i));
    else if (ch === '"') i = skipQuoted(text, i, '"', false);
    else if (ch === '-' && text[i + 1] === '-') i = skipLine(text, i);
    else if (ch === '/' && text[i + 1] === '*') i = skipBlockComment(text, i);
    else if (ch === '$') i = skipDollar(text, i);
    else if (ch === ';') {
      push(i);
      start = ++i;
    } else i++;
  }
  push(text.length);
  return out;
}

/** The comments (and blank lines) before a statement, and the statement from its first token on. */
function stripLeadingComments(raw: string): { comments: string; sql: string; offset: number } {
  let i = 0;
  for (;;) {
    while (i < raw.length && /\s/.test(raw[i])) i++;
    if (raw.startsWith('--', i)) i = skipLine(raw, i);
    else if (raw.startsWith('/*', i)) i = skipBlockComment(raw, i);
    else break;
  }
  return { comments: raw.slice(0, i), sql: raw.slice(i), offset: i };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** E'…' strings treat backslash as an escape (standard_conforming_strings leaves plain '…' alone). */
function isEscapeString(text: string, quote: number): boolean {
  const prev = text[quote - 1];
  return (prev === 'E' || prev === 'e') && !/[A-Za-z0-9_$]/.test(text[quote - 2] ?? ' ');
}

function skipQuoted(text: string, start: number, q: string, backslash: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    if (backslash && text[i] === '\\') i += 2;
    else if (text[i] === q) {
      if (text[i + 1] === q) i += 2;
      else return i + 1;
    } else i++;
  }
  return i;
}

function skipLine(text: string, start: number): number {
  const nl = text.indexOf('\n', start);
  return nl < 0 ? text.length : nl + 1;
}

function skipBlockComment(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return i;
}

/** A dollar quote `$tag$ … $tag$` (tag empty or an identifier); a lone `$1` parameter is not one. */
function skipDollar(text: string, start: number): number {
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(start, start + 64));
  if (!m || /[A-Za-z0-9_]/.test(text[start - 1] ?? ' ')) return start + 1;
  const end = text.indexOf(m[0], start + m[0].length);
  return end < 0 ? text.length : end + m[0].length;
}
