/** TypeScript source fragments: string literals, property keys and accesses, JavaScript values as literals. */

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface ' +
    'package private protected public await arguments eval undefined NaN Infinity'
  ).split(' '),
);

/** Whether `name` may be used as a variable name in a module (strict mode). */
export const isBindingName = (name: string): boolean => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name);

/**
 * A TypeScript string literal quoted as Prettier does: single quotes, unless the text holds more single
 * quotes than double ones (`"it's"`).
 */
export function tsString(text: string): string {
  const q = (text.match(/'/g)?.length ?? 0) > (text.match(/"/g)?.length ?? 0) ? '"' : "'";
  // Control characters are exactly what must be escaped in a TypeScript string literal.
  // eslint-disable-next-line no-control-regex
  const body = text.replace(/[\\'"\u0000-\u001f\u2028\u2029\u007f]/g, (ch) => {
    switch (ch) {
      case '\\':
        return '\\\\';
      case "'":
      case '"':
        return ch === q ? `\\${ch}` : ch;
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
  return `${q}${body}${q}`;
}

/** An object literal key: bare when it is an identifier (reserved words are fine as keys), else quoted. */
export const tsKey = (name: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : tsString(name));

/** Property access on an object: `t.email`, or `t['Display Name']` for names that are not identifiers. */
export const tsAccess = (object: string, name: string): string =>
  /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${object}.${name}` : `${object}[${tsString(name)}]`;

/** A JSON value as a TypeScript literal: `{ theme: 'dark', sizes: [1, 2] }`. */
export function tsValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(tsValue).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${tsKey(k)}: ${tsValue(v)}`).join(', ')} }`;
}

/** `[a]` on one line, or one element per line (indented by `indent` plus two spaces) when there are several. */
export function tsList(items: readonly string[], indent: string): string {
  if (items.length === 0) return '[]';
  if (items.length === 1) return `[${items[0]}]`;
  return `[\n${items.map((i) => `${indent}  ${i},`).join('\n')}\n${indent}]`;
}
