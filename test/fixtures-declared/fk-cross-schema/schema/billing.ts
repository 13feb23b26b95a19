import { c, schema, table } from 'schemakit';
import { users } from './public';

/** A new schema. */
export const billing = schema('billing', { comment: 'Invoices and payments' });

/** A table in the new schema referencing public.users. */
export const invoices = table(billing, 'invoices', {
  columns: {
    id: c.bigint().generatedAlwaysAsIdentity().primaryKey(),
    user_id: c.bigint().notNull().references(() => users.columns.id, { onDelete: 'restrict' }),
    total: c.numeric(12, 2).notNull(),
  },
});

/** A table referencing another table of the same new schema. */
export const payments = table(billing, 'payments', {
  columns: {
    id: c.bigint().generatedAlwaysAsIdentity().primaryKey(),
    invoice_id: c.bigint().notNull().references(() => invoices.columns.id, { onDelete: 'cascade' }),
  },
});
