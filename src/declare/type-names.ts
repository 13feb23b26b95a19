/**
 * Canonical spelling of SQL type names for validation (the scratch-database normalizer is the real
 * authority; this only has to tell `int4` from `uuid`). Aliases map to `format_type()` spellings, type
 * modifiers are dropped, quotes removed, unquoted parts lowercased, `pg_catalog.` stripped.
 */
const ALIASES: Readonly<Record<string, string>> = {
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  serial: 'integer',
  serial4: 'integer',
  int2: 'smallint',
  smallint: 'smallint',
  smallserial: 'smallint',
  serial2: 'smallint',
  int8: 'bigint',
  bigint: 'bigint',
  bigserial: 'bigint',
  serial8: 'bigint',
  float4: 'real',
  real: 'real',
  float8: 'double precision',
  float: 'double precision',
  'double precision': 'double precision',
  decimal: 'numeric',
  numeric: 'numeric',
  varchar: 'character varying',
  'character varying': 'character varying',
  'char varying': 'character varying',
  char: 'character',
  character: 'character',
  bpchar: 'character',
  bool: 'boolean',
  boolean: 'boolean',
  timestamptz: 'timestamp with time zone',
  'timestamp with time zone': 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  'timestamp without time zone': 'timestamp without time zone',
  timetz: 'time with time zone',
  'time with time zone': 'time with time zone',
  time: 'time without time zone',
  'time without time zone': 'time without time zone',
  varbit: 'bit varying',
  'bit varying': 'bit varying',
};

/** A type name split into its canonical base and array dimensions. */
export interface TypeName {
  readonly base: string;
  readonly dims: number;
}

/** Parses and canonicalizes a type as written (`VARCHAR(255)`, `int4[]`, `"Reporting".tier`). */
export function parseTypeName(type: string): TypeName {
  let text = '';
  let quoted = false;
  for (const ch of type) {
    if (ch === '"') quoted = !quoted;
    else text += quoted ? ch : ch.toLowerCase();
  }
  let dims = 0;
  text = text.trim();
  for (let m = /\s*\[\s*\d*\s*\]$/.exec(text); m; m = /\s*\[\s*\d*\s*\]$/.exec(text)) {
    dims++;
    text = text.slice(0, m.index);
  }
  // Modifiers sit before the time zone words (`timestamp(3) with time zone`): remove them anywhere.
  text = text
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^pg_catalog\./, '')
    .trim();
  return { base: ALIASES[text] ?? text, dims };
}

/** The canonical spelling of a type, e.g. `character varying[]`. */
export const canonicalType = (type: string): string => {
  const t = parseTypeName(type);
  return t.base + '[]'.repeat(t.dims);
};

const INTEGERS = new Set(['smallint', 'integer', 'bigint']);
const STRINGS = new Set(['text', 'character varying', 'character']);

/** Whether a type is one of the integer types (the only ones identity columns allow). */
export const isIntegerType = (type: string): boolean => {
  const t = parseTypeName(type);
  return t.dims === 0 && INTEGERS.has(t.base);
};

/**
 * Whether a foreign key column type can reference another: equal canonical types, or both integers,
 * or both strings (Postgres finds cross-type equality operators for those).
 */
export function typesCompatible(a: string, b: string): boolean {
  const x = parseTypeName(a);
  const y = parseTypeName(b);
  if (x.dims !== y.dims) return false;
  if (x.base === y.base) return true;
  return (INTEGERS.has(x.base) && INTEGERS.has(y.base)) || (STRINGS.has(x.base) && STRINGS.has(y.base));
}
