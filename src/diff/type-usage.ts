import type { Catalog, Column } from '../model';
import { ident } from '../util';

/**
 * Columns whose type is the given type or an array of it. Types in an introspected catalog are printed by
 * `format_type` with an empty search_path, so a user type appears as `schema.name` (quoted as needed).
 */
export function columnsOfType(catalog: Catalog, schema: string, name: string): { schema: string; table: string; column: Column }[] {
  const spelled = new Set([`${ident(schema)}.${ident(name)}`, `${ident(schema)}.${ident(name)}[]`]);
  const out: { schema: string; table: string; column: Column }[] = [];
  for (const t of catalog.tables) {
    for (const c of t.columns) if (spelled.has(c.type)) out.push({ schema: t.schema, table: t.name, column: c });
  }
  return out;
}
