import { nameOf, sqlTokens } from '../util';

/**
 * The identifiers an SQL expression mentions, read from the one lexer's tokens, leaving out string
 * literals, comments, function names, the second part of `a.b` and the type name after `::`. Used to name
 * CHECK constraints the way Postgres does and to spot a generated column that refers to itself; it only
 * needs to be right for ordinary expressions.
 */
export function identifiersIn(expression: string): string[] {
  const tokens = sqlTokens(expression);
  const out: string[] = [];
  tokens.forEach((t, i) => {
    const name = nameOf(t, true);
    const before = tokens[i - 1]?.text;
    const call = t.kind === 'word' && tokens[i + 1]?.text === '(';
    if (name !== null && before !== '.' && before !== '::' && !call && !out.includes(name)) out.push(name);
  });
  return out;
}

/** The table columns an expression refers to, in order of first mention. */
export function columnsIn(expression: string, columns: readonly string[]): string[] {
  return identifiersIn(expression).filter((name) => columns.includes(name));
}
