import { c, table } from 'schemakit';

/** The existing table in public. */
export const users = table('users', {
  columns: {
    id: c.bigint().primaryKey(),
    email: c.text().notNull(),
  },
});
