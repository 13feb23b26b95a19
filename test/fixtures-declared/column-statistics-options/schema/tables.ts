import { c, table } from 'schemakit';

/** Statistics targets and attribute options: set on a column, changed and reset on another. */
export const events = table('events', {
  columns: {
    id: c.bigint().primaryKey(),
    kind: c.text().notNull().statistics(1000).attributeOptions({ n_distinct: -0.05 }),
    tenant: c.integer().notNull().attributeOptions({ n_distinct: 2000.0 }),
  },
});
