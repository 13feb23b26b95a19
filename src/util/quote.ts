/**
 * Quoting in one place: every identifier and literal that reaches SQL text goes through here. It lives in
 * util so that every layer may import it (db names its databases with it); an architecture test forbids
 * hand-made quoting elsewhere.
 */

/**
 * Keywords that `quote_ident` quotes: every keyword of PostgreSQL's src/include/parser/kwlist.h whose
 * category is not UNRESERVED_KEYWORD (reserved, col-name and type-func-name keywords). This is the
 * PostgreSQL 18 list (checked against `pg_get_keywords()` on 15 and 18); 18 is a superset of 15 (the
 * SQL/JSON words `json*`, `merge_action` and `system_user` became keywords in 16/17), so quoting them on
 * older servers is merely unnecessary, never wrong.
 */
const NEEDS_QUOTING = new Set<string>([
  'all',
  'analyse',
  'analyze',
  'and',
  'any',
  'array',
  'as',
  'asc',
  'asymmetric',
  'authorization',
  'between',
  'bigint',
  'binary',
  'bit',
  'boolean',
  'both',
  'case',
  'cast',
  'char',
  'character',
  'check',
  'coalesce',
  'collate',
  'collation',
  'column',
  'concurrently',
  'constraint',
  'create',
  'cross',
  'current_catalog',
  'current_date',
  'current_role',
  'current_schema',
  'current_time',
  'current_timestamp',
  'current_user',
  'dec',
  'decimal',
  'default',
  'deferrable',
  'desc',
  'distinct',
  'do',
  'else',
  'end',
  'except',
  'exists',
  'extract',
  'false',
  'fetch',
  'float',
  'for',
  'foreign',
  'freeze',
  'from',
  'full',
  'grant',
  'greatest',
  'group',
  'grouping',
  'having',
  'ilike',
  'in',
  'initially',
  'inner',
  'inout',
  'int',
  'integer',
  'intersect',
  'interval',
  'into',
  'is',
  'isnull',
  'join',
  'json',
  'json_array',
  'json_arrayagg',
  'json_exists',
  'json_object',
  'json_objectagg',
  'json_query',
  'json_scalar',
  'json_serialize',
  'json_table',
  'json_value',
  'lateral',
  'leading',
  'least',
  'left',
  'like',
  'limit',
  'localtime',
  'localtimestamp',
  'merge_action',
  'national',
  'natural',
  'nchar',
  'none',
  'normalize',
  'not',
  'notnull',
  'null',
  'nullif',
  'numeric',
  'offset',
  'on',
  'only',
  'or',
  'order',
  'out',
  'outer',
  'overlaps',
  'overlay',
  'placing',
  'position',
  'precision',
  'primary',
  'real',
  'references',
  'returning',
  'right',
  'row',
  'select',
  'session_user',
  'setof',
  'similar',
  'smallint',
  'some',
  'substring',
  'symmetric',
  'system_user',
  'table',
  'tablesample',
  'then',
  'time',
  'timestamp',
  'to',
  'trailing',
  'treat',
  'trim',
  'true',
  'union',
  'unique',
  'user',
  'using',
  'values',
  'varchar',
  'variadic',
  'verbose',
  'when',
  'where',
  'window',
  'with',
  'xmlattributes',
  'xmlconcat',
  'xmlelement',
  'xmlexists',
  'xmlforest',
  'xmlnamespaces',
  'xmlparse',
  'xmlpi',
  'xmlroot',
  'xmlserialize',
  'xmltable',
]);

/** True when `name` is a keyword that cannot appear as a bare identifier. */
export function isQuotedKeyword(name: string): boolean {
  return NEEDS_QUOTING.has(name);
}

/**
 * Quotes an identifier when Postgres would (`quote_ident` rules), doubling embedded `"`. Like
 * `quote_ident`, a `$` is quoted although the grammar would accept it bare, so names print exactly as
 * `format_type()` and `pg_get_*def()` print them.
 */
export function ident(name: string): string {
  if (/^[a-z_][a-z0-9_]*$/.test(name) && !NEEDS_QUOTING.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A string literal, doubling `'`. Like `quote_literal`, text containing a backslash is written as
 * `E'…'` with the backslashes doubled: that reads the same whether `standard_conforming_strings` is on
 * (the default since 9.1) or off, so a rendered script is safe on any server setting.
 */
export function literal(value: string): string {
  const body = value.replace(/'/g, "''");
  return value.includes('\\') ? `E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`;
}

/** `schema.name`, each part quoted as needed. */
export function qualified(schema: string, name: string): string {
  return `${ident(schema)}.${ident(name)}`;
}

/** A comma-separated list of quoted identifiers. */
export function identList(names: readonly string[]): string {
  return names.map(ident).join(', ');
}

/**
 * A dollar-quoted string (`$tag$…$tag$`) for routine bodies, with a tag that does not occur in the text,
 * so the body is passed to Postgres exactly as written.
 */
export function dollarQuote(text: string, tag = 'body'): string {
  let t = tag;
  for (let n = 1; text.includes(`$${t}$`); n++) t = `${tag}${n}`;
  return `$${t}$${text}$${t}$`;
}

/**
 * One part of an object key (`schema.table.column`, see model/keys.ts): the name itself, or `"…"` with `"`
 * doubled when it holds a `.` or `"`. So keys never collide (schema `a` + table `b.c` is `a."b.c"`, schema
 * `a.b` + table `c` is `"a.b".c`) and ordinary names read as they always did. Not SQL: case is kept.
 */
export function keyPart(name: string): string {
  return name.includes('.') || name.includes('"') ? `"${name.replace(/"/g, '""')}"` : name;
}
