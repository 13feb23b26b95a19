import { c, table } from 'schemakit';

/** `customer` becomes NOT NULL, `note` becomes nullable, a new NOT NULL column with a default is added. */
export const orders = table('orders', {
  columns: {
    id: c.integer().primaryKey(),
    customer: c.text().notNull(),
    note: c.text(),
    status: c.text().notNull().default('new'),
  },
});
