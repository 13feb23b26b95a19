import { ident, literal } from '../sql';

/** Something that can be interpolated into the `sql` tag as SQL text (column refs, tables, enums). */
export interface SqlEmbeddable {
  /** The SQL text of this object, plus the column names it references (for implicit names). */
  toSqlFragment(): Sql;
}

/**
 * A piece of raw SQL built with the `sql` tag; `columns` lists the column refs interpolated into it and
 * `objects` the other declarations (tables, views…), so a view's query says what it reads.
 */
export class Sql {
  readonly kind = 'Sql' as const;
  constructor(
    readonly text: string,
    readonly columns: readonly string[] = [],
    readonly objects: readonly SqlEmbeddable[] = [],
  ) {
    Object.freeze(this);
  }
  toString(): string {
    return this.text;
  }
}

/** A JSON value, accepted as default of `json`/`jsonb` columns and interpolated as a literal. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

const isEmbeddable = (v: unknown): v is SqlEmbeddable => typeof v === 'object' && v !== null && typeof (v as SqlEmbeddable).toSqlFragment === 'function';

/**
 * Renders a JavaScript value as a SQL literal: strings quoted (via `literal`), numbers and booleans as is,
 * `null` as NULL, dates as ISO strings, objects and arrays as JSON text.
 */
export function renderLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return literal(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return literal(String(value)); // 'NaN', 'Infinity' are valid float input
    return String(value);
  }
  if (value instanceof Date) return literal(value.toISOString());
  if (value instanceof Uint8Array) return literal('\\x' + Buffer.from(value).toString('hex'));
  return literal(JSON.stringify(value));
}

/**
 * Renders a JavaScript array as a Postgres array literal (`'{"a","b"}'`): elements are double-quoted
 * with `"` and `\` backslash-escaped, as array_in expects; nested arrays become nested braces.
 */
export function renderArrayLiteral(value: readonly unknown[]): string {
  const element = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return `{${v.map(element).join(',')}}`;
    const text =
      typeof v === 'string' ? v : typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v instanceof Date ? v.toISOString() : String(v);
    return `"${text.replace(/[\\"]/g, (ch) => '\\' + ch)}"`;
  };
  return literal(`{${value.map(element).join(',')}}`);
}

function interpolate(value: unknown): Sql {
  if (value instanceof Sql) return value;
  if (isEmbeddable(value)) return value.toSqlFragment();
  // A negative number right after a `-` would start a `--` comment: parenthesize it.
  if ((typeof value === 'number' || typeof value === 'bigint') && value < 0) return new Sql(`(${renderLiteral(value)})`);
  return new Sql(renderLiteral(value));
}

function sqlTag(template: TemplateStringsArray, ...values: unknown[]): Sql {
  // The raw text: backslashes reach SQL as written (regular expressions, E'' strings).
  const strings = template.raw;
  let text = strings[0] ?? ''; // a template has one more string than values
  const columns: string[] = [];
  const objects: SqlEmbeddable[] = [];
  values.forEach((value, i) => {
    const part = interpolate(value);
    text += part.text + (strings[i + 1] ?? '');
    for (const c of part.columns) if (!columns.includes(c)) columns.push(c);
    for (const o of part.objects) if (!objects.includes(o)) objects.push(o);
    if (isEmbeddable(value) && !(value instanceof Sql) && !objects.includes(value)) objects.push(value);
  });
  return new Sql(text, columns, objects);
}

/**
 * Raw SQL for defaults, checks, generated columns and index expressions. Column refs are interpolated
 * as quoted identifiers, nested `sql` fragments as is, and any other value as a literal. The text is
 * taken raw (as `String.raw` does), so `\.` in a regular expression stays `\.`:
 * `sql\`${t.priority} BETWEEN ${1} AND ${10}\``.
 */
export const sql = Object.assign(sqlTag, {
  /** Raw SQL text, inserted verbatim (never pass user input). */
  raw: (text: string): Sql => new Sql(text),
  /** An identifier, quoted when needed. */
  ident: (name: string): Sql => new Sql(ident(name)),
  /** A SQL literal of any value (string, number, boolean, JSON). */
  literal: (value: unknown): Sql => new Sql(renderLiteral(value)),
});
