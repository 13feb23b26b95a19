import type { Column } from '../../model';
import { nameOf, sqlTokens, stringValue } from '../../util';
import { splitArray } from './column-type';
import { sqlTemplate } from './sql-template';
import { tsString, tsValue } from './ts-text';

const INTEGER = new Set(['smallint', 'integer', 'bigint']);
const NUMERIC = new Set([...INTEGER, 'numeric', 'real', 'double precision']);
/** Types whose builder takes string defaults (enums and `c.type()` columns too: their value type is open). */
const NOT_STRING = new Set([...NUMERIC, 'boolean', 'json', 'jsonb', 'smallserial', 'serial', 'bigserial']);

/**
 * `numeric(12,2)` → `numeric`: casts in default expressions are printed without the type modifiers, and
 * a `character(n)` constant is cast to `bpchar`, its internal name.
 */
const withoutModifiers = (type: string): string => {
  const t = type.replace(/\(\d+(,\d+)?\)/, '');
  return t === 'bpchar' ? 'character' : t;
};

/** `'it''s'` → `it's` (Postgres prints string constants this way, also when they contain backslashes). */
const unquote = (body: string): string => body.replace(/''/g, "'");

/**
 * The argument of `.default(…)` for a column's default as Postgres printed it: a JavaScript value when the
 * declaration API renders it back to the same constant (numbers, booleans, strings cast to the column's type,
 * JSON of jsonb, one-dimensional text arrays), else the SQL itself (`sql\`now()\``).
 */
export function defaultArgument(column: Column): { text: string; isSql: boolean } {
  const value = defaultValue(column);
  return value !== null ? { text: value, isSql: false } : { text: sqlTemplate(column.default ?? ''), isSql: true };
}

function defaultValue(column: Column): string | null {
  const text = column.default ?? '';
  const { base, dims } = splitArray(column.type);
  const type = withoutModifiers(base);
  if (dims === 0 && (text === 'true' || text === 'false') && type === 'boolean') return text;
  const [, litBody, litType] = /^'((?:[^']|'')*)'::(.+)$/.exec(text) ?? [];
  const bareNumber = /^\d+(\.\d+)?$/.exec(text);
  if (dims === 0 && NUMERIC.has(type)) {
    // An integer constant is printed with its own type (`'-1'::integer` on a smallint column): any integer cast will do.
    const cast = litType === undefined ? null : withoutModifiers(litType);
    const castFits = cast === type || (INTEGER.has(cast ?? '') && INTEGER.has(type) && /^-?\d+$/.test(litBody ?? ''));
    const n = bareNumber ? text : litBody !== undefined && castFits && /^-?\d+(\.\d+)?$/.test(litBody) ? litBody : null;
    if (n === null) return null;
    // A number that JavaScript prints back the same way is written as one; others (big or long) as text.
    return String(Number(n)) === n && Number.isSafeInteger(Math.trunc(Number(n))) ? n : type === 'bigint' || type === 'numeric' ? tsString(n) : null;
  }
  if (litBody === undefined || litType === undefined || withoutModifiers(litType) !== withoutModifiers(column.type)) return null;
  const body = unquote(litBody);
  if (dims === 0 && type === 'jsonb') return jsonValue(body, false);
  if (dims === 0 && type === 'json') return jsonValue(body, true);
  if (dims === 1 && !NOT_STRING.has(type)) return arrayValue(body);
  if (dims === 0 && !NOT_STRING.has(type)) return tsString(body);
  return null;
}

/** JSON text as a JavaScript value; for `json` (kept as text) only when JSON.stringify writes it back byte for byte. */
function jsonValue(body: string, exact: boolean): string | null {
  try {
    const v: unknown = JSON.parse(body);
    if (exact && JSON.stringify(v) !== body) return null;
    return tsValue(v);
  } catch {
    return null;
  }
}

/** A one-dimensional array constant as printed by array_out (`{a,"b c",NULL}`) as a string array, else null. */
function arrayValue(body: string): string | null {
  if (!body.startsWith('{') || !body.endsWith('}')) return null;
  const inner = body.slice(1, -1);
  if (inner === '') return '[]';
  const items: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|([^,{}"\\]+)/y;
  let i = 0;
  while (i < inner.length) {
    re.lastIndex = i;
    const m = re.exec(inner);
    if (!m) return null;
    const [, quoted, bare = ''] = m; // one of the two alternatives matched
    if (quoted === undefined && bare === 'NULL') return null; // NULL elements: left as SQL
    items.push(quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare);
    i = re.lastIndex;
    if (i < inner.length) {
      if (inner[i] !== ',') return null;
      i++;
    }
  }
  return tsValue(items);
}

/**
 * The sequence of a `nextval('name'::regclass)` default, as `[schema, name]`: Postgres prints the name
 * schema-qualified only when the sequence is not on the search path (then it is in `public`). Null for any
 * other default.
 */
export function nextvalSequence(text: string): [string, string] | null {
  const t = sqlTokens(text);
  const shape = ['nextval', '(', null, '::', 'regclass', ')'];
  const literal = t[2];
  if (t.length !== shape.length || literal?.kind !== 'string' || shape.some((x, i) => x !== null && t[i]?.text.toLowerCase() !== x)) return null;
  const parts = sqlTokens(stringValue(literal));
  const names = parts.filter((_, i) => i % 2 === 0).map((l) => nameOf(l, true));
  if (names.some((n) => n === null) || parts.some((l, i) => i % 2 === 1 && l.text !== '.') || parts.length % 2 === 0) return null;
  if (names.length === 1) return ['public', names[0]!];
  return names.length === 2 ? [names[0]!, names[1]!] : null;
}
