import { c, foreignKey, primaryKey, table, unique } from 'schemakit';

/** A table with a composite primary key and a composite unique key. */
export const products = table('products', {
  columns: {
    tenant_id: c.integer(),
    sku: c.text(),
    code: c.text().notNull(),
  },
  primaryKey: (t) => primaryKey(t.tenant_id, t.sku),
  uniques: (t) => [unique([t.tenant_id, t.code])],
});

/** Composite foreign keys: to the primary key (implicit columns) and to named unique columns. */
export const stock = table('stock', {
  columns: {
    tenant_id: c.integer().notNull(),
    sku: c.text().notNull(),
    code: c.text(),
    quantity: c.integer().notNull().default(0),
  },
  foreignKeys: (t) => [
    foreignKey([t.tenant_id, t.sku]).references(() => products).onDelete('cascade'),
    foreignKey('stock_by_code_fk', [t.tenant_id, t.code]).references(() => products, ['tenant_id', 'code']),
  ],
});
