import { tsAccess, tsString } from './ts-text';

/**
 * Removes parentheses that enclose a whole expression, as Postgres prints CHECK expressions and index
 * predicates (`((a > 0))` → `a > 0`); the declaration API and Postgres add them back.
 */
export function unwrapParens(expression: string): string {
  let text = expression.trim();
  while (text.startsWith('(') && text.endsWith(')') && closingOf(text, 0) === text.length - 1) text = text.slice(1, -1).trim();
  return text;
}

/** Index of the parenthesis closing the one at `open`, skipping string literals and quoted identifiers. */
function closingOf(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/**
 * A token scan of Postgres-printed SQL: string literals, quoted and bare identifiers (with whether a `(`
 * follows, i.e. a function name), casts (`::type`, never a column) and single other characters.
 */
const TOKENS =
  /'(?:[^']|'')*'|"((?:[^"]|"")+)"(\s*\()?|([a-z_][a-z0-9_$]*)(\s*\()?|::\s*(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)(?:\s*\.\s*(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*))*|[A-Za-z_][A-Za-z0-9_$]*|[\s\S]/g;

/**
 * SQL as the `sql` tag: column names of the table become `${t.column}` (so the declaration follows a column
 * rename in the editor), everything else stays as Postgres printed it. Only lower-case bare identifiers and
 * quoted ones are taken for columns (Postgres prints keywords in upper case), never after `.` or `::` nor
 * before `(`. Text a raw template cannot carry (a backtick, `${`, a backslash before an interpolation or at
 * the end, a carriage return) is written as `sql.raw('…')` instead.
 */
export function sqlTemplate(text: string, columns: ReadonlySet<string> = new Set(), row = 't'): string {
  const pieces = [''];
  const refs: string[] = [];
  let prevDot = false;
  TOKENS.lastIndex = 0;
  for (let m = TOKENS.exec(text); m !== null; m = TOKENS.exec(text)) {
    const [token, quoted, quotedCall, bare, bareCall] = m;
    const name = quoted !== undefined ? quoted.replace(/""/g, '"') : bare;
    const call = quotedCall ?? bareCall;
    if (name !== undefined && call === undefined && !prevDot && columns.has(name)) {
      refs.push(tsAccess(row, name));
      pieces.push('');
    } else pieces[pieces.length - 1] += token;
    if (!/^\s+$/.test(token)) prevDot = token === '.';
  }
  const unsafe = /`|\r/.test(text) || text.includes('${') || pieces.some((p) => p.endsWith('\\'));
  if (unsafe) return `sql.raw(${tsString(text)})`;
  return 'sql`' + pieces.map((p, i) => (i === 0 ? p : '${' + refs[i - 1] + '}' + p)).join('') + '`';
}

/** Whether the rendered template refers to the table's columns (then it must be written inside `(t) => …`). */
export const usesRow = (template: string, row = 't'): boolean => template.includes('${' + row);
