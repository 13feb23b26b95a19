import { c, check, index, primaryKey, sql, table, unique } from 'schemakit';
import { mood } from '../public/types';
import { accounts } from './accounts';
import { crm } from './schema';

export const contacts = table(crm, 'contacts', {
  columns: {
    account_id: c.bigint().references(() => accounts.columns.id, { onDelete: 'cascade' }),
    seq: c.integer(),
    email: c.varchar(255).collate('C'),
    phone: c.varchar(),
    mood: c.enum(mood),
  },
  primaryKey: (t) => primaryKey(t.account_id, t.seq),
  uniques: (t) => [unique('contacts_email_per_account', [t.account_id, t.email])],
  checks: (t) => [check(sql`${t.seq} > 0`)],
  indexes: (t) => [index().on(t.phone.opclass('varchar_pattern_ops').nullsFirst())],
});
