import { c, table } from 'schemakit';
import { accounts } from '../crm/accounts';
import { audit } from './schema';

export const users = table(audit, 'users', {
  columns: {
    id: c.bigserial().primaryKey(),
    account_id: c.bigint().references(() => accounts.columns.id, { onDelete: 'restrict', onUpdate: 'set-null' }),
  },
});
