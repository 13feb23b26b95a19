import { c, table } from 'schemakit';

/**
 * Only `keep` (without its enum column and obsolete column) is declared: the undeclared schema, enum, table,
 * columns, check and index are dropped. `public` itself is not declared and is left alone.
 */
export const keep = table('keep', {
  columns: {
    id: c.integer().primaryKey(),
  },
});
