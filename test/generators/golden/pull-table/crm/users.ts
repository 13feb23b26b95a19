import { c, sql, table } from 'schemakit';
import { crm } from './schema';

export const crmUsers = table(crm, 'users', {
  columns: {
    id: c.uuid().primaryKey().default(sql`gen_random_uuid()`),
    login: c.text().notNull().unique({ nullsNotDistinct: true }),
  },
});
