import { isTrivia, lexSql, quotedName, type Lexeme } from '../../util';
import { tsAccess, tsString } from './ts-text';

/**
 * Removes parentheses that enclose a whole expression, as Postgres prints CHECK expressions and index
 * predicates (`((a > 0))` → `a > 0`); the declaration API and Postgres add them back.
 */
export function unwrapParens(expression: string): string {
  let text = expression.trim();
  while (enclosed(text)) text = text.slice(1, -1).trim();
  return text;
}

/** Whether the `(` that starts `text` is closed by its last character (strings and quoted names skipped). */
function enclosed(text: string): boolean {
  const lexemes = lexSql(text);
  const [first] = lexemes;
  if (first?.text !== '(') return false;
  const close = lexemes.findIndex((l) => l.kind === 'punct' && l.text === ')' && l.depth === first.depth);
  return close === lexemes.length - 1;
}

/** Whether the name at `i` is called: a `(` follows it. */
function calledAt(lexemes: readonly Lexeme[], i: number): boolean {
  let j = i + 1;
  while (lexemes[j]?.kind === 'space') j++;
  return lexemes[j]?.text === '(';
}

/** A bare name Postgres prints as written (keywords it prints in upper case). */
const LOWER_NAME = /^[a-z_][a-z0-9_$]*$/;

/**
 * SQL as the `sql` tag: column names of the table become `${t.column}` (so the declaration follows a column
 * rename in the editor), everything else stays as Postgres printed it. Only lower-case bare identifiers and
 * quoted ones are taken for columns (Postgres prints keywords in upper case), never after `.` or `::` (a
 * cast's type) nor before `(` (a function). Text a raw template cannot carry (a backtick, `${`, a backslash
 * before an interpolation or at the end, a carriage return) is written as `sql.raw('…')` instead.
 */
export function sqlTemplate(text: string, columns: ReadonlySet<string> = new Set(), row = 't'): string {
  const lexemes = lexSql(text);
  const pieces = [''];
  const refs: string[] = [];
  let prev = '';
  lexemes.forEach((l, i) => {
    const name = l.kind === 'quoted' ? quotedName(l) : l.kind === 'word' && LOWER_NAME.test(l.text) ? l.text : undefined;
    if (name !== undefined && prev !== '.' && prev !== '::' && columns.has(name) && !calledAt(lexemes, i)) {
      refs.push(tsAccess(row, name));
      pieces.push('');
    } else pieces[pieces.length - 1] += l.text;
    if (!isTrivia(l)) prev = l.text;
  });
  const unsafe = /`|\r/.test(text) || text.includes('${') || pieces.some((p) => p.endsWith('\\'));
  if (unsafe) return `sql.raw(${tsString(text)})`;
  return 'sql`' + pieces.map((p, i) => (i === 0 ? p : '${' + refs[i - 1] + '}' + p)).join('') + '`';
}

/** Whether the rendered template refers to the table's columns (then it must be written inside `(t) => …`). */
export const usesRow = (template: string, row = 't'): boolean => template.includes('${' + row);
