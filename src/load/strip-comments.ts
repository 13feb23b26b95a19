import { sha256 } from '../util';

/**
 * The hash of a TypeScript module's text with every comment blanked out (see `blank`), or null when the text cannot be read that simply: a `/` that starts no comment (a regular
 * expression or a division, which only the parser tells apart), a string cut by a line break, or anything
 * left open at the end. Two texts with the same hash have the same tokens at the same lines and columns: an
 * edit of comments alone that moved no code. Known without loading the compiler.
 */
export function commentlessHash(text: string): string | null {
  const out: string[] = [];
  // Open template literals: the brace depth of code inside their `${…}` (a `}` at depth 0 resumes the template).
  const templates: number[] = [];
  let depth = 0;
  let from = 0; // start of the text not yet copied
  // A comment becomes its line breaks, then as many spaces as it takes on its last line (code may follow it
  // there); what it holds before its last line break cannot move code (a line comment is dropped whole).
  const blank = (start: number, end: number) => {
    const parts = text.slice(start, end).split(/(\r\n|[\n\r\u2028\u2029])/);
    const last = parts.pop() ?? '';
    const breaks = parts.filter((_, k) => k % 2 === 1).join('');
    out.push(text.slice(from, start), breaks, ' '.repeat(last.length));
    from = end;
  };
  let i = 0;
  const n = text.length;
  /** Scans a template's text from `i` (after a backtick or a closing brace); false when it is not closed. */
  const templateText = (): boolean => {
    for (; i < n; i++) {
      const ch = text[i];
      if (ch === '\\') i++;
      else if (ch === '`') {
        i++;
        return true;
      } else if (ch === '$' && text[i + 1] === '{') {
        i += 2;
        templates.push(depth);
        depth = 0;
        return true;
      }
    }
    return false;
  };
  while (i < n) {
    const ch = text[i];
    if (ch === '/') {
      if (text[i + 1] === '/') {
        let end = i + 2;
        while (end < n && !'\n\r\u2028\u2029'.includes(text[end] ?? '')) end++;
        out.push(text.slice(from, i)); // nothing follows a line comment on its line
        from = end;
        i = end;
      } else if (text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) return null;
        blank(i, end + 2);
        i = end + 2;
      } else return null;
    } else if (ch === '"' || ch === "'") {
      for (i++; i < n && text[i] !== ch; i++) {
        if (text[i] === '\\') i++;
        else if ('\n\r'.includes(text[i] ?? '')) return null;
      }
      if (i >= n) return null;
      i++;
    } else if (ch === '`') {
      i++;
      if (!templateText()) return null;
    } else if (ch === '{') {
      depth++;
      i++;
    } else if (ch === '}') {
      i++;
      if (depth > 0) depth--;
      else if (templates.length > 0) {
        depth = templates.pop() ?? 0;
        if (!templateText()) return null;
      } else return null;
    } else i++;
  }
  if (templates.length > 0 || depth !== 0) return null;
  out.push(text.slice(from));
  // Whitespace after the last token moves nothing (it is never inside a string there).
  return sha256(`commentless\0${out.join('').trimEnd()}`);
}

/**
 * Whether comments of this text can act on the check or the evaluation: `@ts-` directives, triple-slash
 * references, source map or other `//#`/`//@` pragmas. A file with any is never taken as unchanged by
 * commentlessHash.
 */
export function hasCommentDirectives(text: string): boolean {
  return /@ts-|\/\/\/|\/\/[#@]/.test(text);
}
