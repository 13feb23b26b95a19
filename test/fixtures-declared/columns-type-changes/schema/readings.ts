import { c, table } from 'schemakit';

/** Type changes: widening without rewrite, narrowing, conversions that rewrite or may fail. */
export const readings = table('readings', {
  columns: {
    id: c.integer().primaryKey(),
    code: c.varchar(20),
    note: c.text(),
    value: c.integer(),
    amount: c.numeric(12, 2),
    payload: c.jsonb(),
    taken_at: c.timestamptz(),
  },
});
