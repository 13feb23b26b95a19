import { c, enumType, index, key, schema, sql, table } from 'schemakit';

/** The schema. */
export const inventory = schema('inventory', { comment: 'Stock keeping' });

/** Units of measure. */
export const unit = enumType(inventory, 'unit', ['piece', 'kg']);

/** A table whose name needs quoting, declared as a.sql has it in other words. */
export const items = table(inventory, 'Items', {
  columns: {
    id: c.integer().generatedAlwaysAsIdentity().primaryKey(),
    sku: c.varchar(32).notNull().unique().comment('Stock keeping unit'),
    name: c.varchar(),
    unit: c.enum(unit).notNull().default('piece'),
    qty: c.numeric(10, 2).default('0.00').check((x) => sql`${x} >= 0`),
    active: c.boolean().default(true),
    tags: c.text().array().default([]),
    added: c.timestamptz().default(sql`now()`),
    kind: c.text().check((x) => sql`${x} = ANY (ARRAY['a', 'b'])`),
  },
});

/** Item movements. */
export const moves = table(inventory, 'moves', {
  columns: {
    item_id: c.integer().references(() => items.columns.id, { onDelete: 'cascade' }),
    at: c.timestamp(0),
  },
  indexes: (t) => [index().on(t.item_id), index('moves_day_idx').on(key(sql`date_trunc('day', ${t.at})`).desc())],
});
