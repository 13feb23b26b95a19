import { c, sql, table } from 'schemakit';

/** Stored generated columns, as a function of the columns and as plain SQL. */
export const lineItems = table('line_items', {
  columns: {
    id: c.integer().primaryKey(),
    quantity: c.integer().notNull(),
    unit_price: c.numeric(10, 2).notNull(),
    first_name: c.text(),
    last_name: c.text(),
    total: c.numeric(12, 2).generatedAlwaysAs((t) => sql`${t.quantity} * ${t.unit_price}`),
    full_name: c.text().generatedAlwaysAs(sql`coalesce(first_name, '') || ' ' || coalesce(last_name, '')`),
  },
});
