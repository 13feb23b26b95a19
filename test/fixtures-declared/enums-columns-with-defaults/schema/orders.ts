import { c, index, table } from 'schemakit';
import { orderStatus, priority, shop } from './enums';

/** Enum columns: with a default, NOT NULL, an array of an enum, an enum from another schema. */
export const orders = table(shop, 'orders', {
  columns: {
    id: c.integer().primaryKey(),
    status: c.enum(orderStatus).notNull().default('pending'),
    previous: c.enum(orderStatus).array().default(['pending']),
    priority: c.enum(priority).default("it's urgent"),
  },
  indexes: (t) => [index().on(t.status)],
});
