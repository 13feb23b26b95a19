import { c, publication, schema, sql, table } from 'schemakit';

export const sales = schema('sales');

export const orders = table('public', 'orders', {
  columns: {
    id: c.integer().primaryKey(),
    amount: c.integer().notNull(),
    note: c.text(),
  },
});

export const deals = table(sales, 'deals', { columns: { id: c.integer().primaryKey() } });

/** A column list in another order than the table's and a row filter: compared as Postgres keeps them. */
export const ordersPub = publication('orders_pub', {
  tables: [{ table: orders, columns: ['amount', 'id'], where: sql`amount > 0` }],
  publish: ['insert', 'update'],
  comment: 'for the warehouse',
});

export const dealsPub = publication('deals_pub', { schemas: [sales], viaRoot: true });
