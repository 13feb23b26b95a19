import { c, index, schema, table } from 'schemakit';

/** The schema. */
export const sales = schema('sales');

/**
 * `customer` is now `clients`. Its primary key and index keep their old names (Postgres does not rename
 * them with the table), so they are declared with those names: the plan is the table rename alone.
 */
export const clients = table(sales, 'clients', {
  renamedFrom: 'customer',
  comment: 'Customers',
  columns: {
    id: c.integer().primaryKey({ name: 'customer_pkey' }),
    name: c.text().notNull(),
  },
  indexes: (t) => [index('customer_name_idx').on(t.name)],
});
