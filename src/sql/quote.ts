/**
 * Quoting in one place: every identifier and literal that reaches SQL text goes through here.
 * (Initial version; the keyword list is refined in this file only.)
 */

/** Keywords that cannot be used as bare identifiers (reserved, plus col-name/type-func-name ones). */
const NEEDS_QUOTING = new Set<string>([
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'authorization', 'between', 'bigint',
  'binary', 'bit', 'boolean', 'both', 'case', 'cast', 'char', 'character', 'check', 'coalesce', 'collate', 'collation',
  'column', 'concurrently', 'constraint', 'create', 'cross', 'current_catalog', 'current_date', 'current_role',
  'current_schema', 'current_time', 'current_timestamp', 'current_user', 'dec', 'decimal', 'default', 'deferrable',
  'desc', 'distinct', 'do', 'else', 'end', 'except', 'exists', 'extract', 'false', 'fetch', 'float', 'for', 'foreign',
  'freeze', 'from', 'full', 'grant', 'greatest', 'group', 'grouping', 'having', 'ilike', 'in', 'initially', 'inner',
  'inout', 'int', 'integer', 'intersect', 'interval', 'into', 'is', 'isnull', 'join', 'json', 'json_array',
  'json_arrayagg', 'json_exists', 'json_object', 'json_objectagg', 'json_query', 'json_scalar', 'json_serialize',
  'json_table', 'json_value', 'lateral', 'leading', 'least', 'left', 'like', 'limit', 'localtime', 'localtimestamp',
  'merge_action', 'national', 'natural', 'nchar', 'none', 'normalize', 'not', 'notnull', 'null', 'nullif', 'numeric',
  'offset', 'on', 'only', 'or', 'order', 'out', 'outer', 'overlaps', 'overlay', 'placing', 'position', 'precision',
  'primary', 'real', 'references', 'returning', 'right', 'row', 'select', 'session_user', 'setof', 'similar',
  'smallint', 'some', 'substring', 'symmetric', 'system_user', 'table', 'tablesample', 'then', 'time', 'timestamp',
  'to', 'trailing', 'treat', 'trim', 'true', 'union', 'unique', 'user', 'using', 'values', 'varchar', 'variadic',
  'verbose', 'when', 'where', 'window', 'with', 'xmlattributes', 'xmlconcat', 'xmlelement', 'xmlexists', 'xmlforest',
  'xmlnamespaces', 'xmlparse', 'xmlpi', 'xmlroot', 'xmlserialize', 'xmltable',
]);

/** Quotes an identifier when Postgres would (`quote_ident` rules), doubling embedded `"`. */
export function ident(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !NEEDS_QUOTING.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** A string literal, doubling `'` (standard_conforming_strings is on in every supported version). */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `schema.name`, each part quoted as needed. */
export function qualified(schema: string, name: string): string {
  return `${ident(schema)}.${ident(name)}`;
}
