import { c, foreignKey, table } from 'schemakit';

/** The referenced table. */
export const customers = table('customers', {
  columns: {
    id: c.integer().primaryKey(),
    region: c.text().notNull().default('eu'),
  },
});

/** Column-level and table-level foreign keys with every action and MATCH FULL. */
export const orders = table('orders', {
  columns: {
    id: c.integer().primaryKey(),
    cascade_id: c.integer().references(() => customers.columns.id, { onDelete: 'cascade', onUpdate: 'cascade' }),
    nulled_id: c.integer().references(() => customers.columns.id, { onDelete: 'set-null' }),
    restricted_id: c.integer().references(() => customers.columns.id, { onDelete: 'restrict', onUpdate: 'restrict' }),
    defaulted_id: c.integer().default(0).references(() => customers.columns.id, { onDelete: 'set-default', name: 'orders_defaulted_fk' }),
    plain_id: c.integer(),
  },
  foreignKeys: (t) => [foreignKey('orders_plain_fk', [t.plain_id]).references(() => customers).onUpdate('no-action').match('full')],
});
