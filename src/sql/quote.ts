/** The quoting helpers live in util/quote.ts so that every layer (db included) can use them; sql re-exports them. */
import { SchemakitError } from '../util';

export { dollarQuote, ident, identList, isQuotedKeyword, literal, qualified } from '../util';

/**
 * `schema.table` (or `table`, in `public`) → its parts, each unquoted; a name holding a dot or a quote is
 * written quoted: `"my.schema"."t"`. The one reader of table names given as text (CLI flags, directives).
 */
export function parseTableName(name: string): { schema: string; table: string } {
  const m = /^(?:("(?:[^"]|"")+"|[^."]+)\.)?("(?:[^"]|"")+"|[^."]+)$/.exec(name);
  const [, schema, table] = m ?? [];
  if (table === undefined) throw new SchemakitError('sql', 'bad-table-name', `not a table name: ${name} (expected schema.table)`);
  const un = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s);
  return { schema: schema ? un(schema) : 'public', table: un(table) };
}
