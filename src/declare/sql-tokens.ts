/**
 * The identifiers an SQL expression mentions, found by a small tokenizer that skips string literals,
 * comments and function names. Used to name CHECK constraints the way Postgres does and to spot a
 * generated column that refers to itself; it only needs to be right for ordinary expressions.
 */
export function identifiersIn(expression: string): string[] {
  const out: string[] = [];
  const re = /'(?:[^']|'')*'|"((?:[^"]|"")+)"|--[^\n]*|\/\*[\s\S]*?\*\/|([A-Za-z_][A-Za-z0-9_$]*)(\s*\()?|::\s*[A-Za-z_][A-Za-z0-9_$.]*|[\s\S]/g;
  let prevDot = false;
  for (let m = re.exec(expression); m !== null; m = re.exec(expression)) {
    const [token, quoted, bare, call] = m;
    if (quoted !== undefined || bare !== undefined) {
      const name = quoted !== undefined ? quoted.replace(/""/g, '"') : (bare as string).toLowerCase();
      if (!prevDot && call === undefined && !out.includes(name)) out.push(name);
    }
    if (!/^\s+$/.test(token)) prevDot = token === '.';
  }
  return out;
}

/** The table columns an expression refers to, in order of first mention. */
export function columnsIn(expression: string, columns: readonly string[]): string[] {
  return identifiersIn(expression).filter((name) => columns.includes(name));
}
