import { c, sql, table } from 'schemakit';

/** Identity generation switched and dropped, a serial kept, a generated expression changed. */
export const jobs = table('jobs', {
  columns: {
    id: c.integer().generatedByDefaultAsIdentity().primaryKey(),
    legacy_id: c.integer().notNull(),
    counter: c.serial(),
    price: c.numeric(10, 2).notNull(),
    tax: c.numeric(10, 2).generatedAlwaysAs((t) => sql`${t.price} * 0.25`),
  },
});
