import { c, foreignKey, table } from 'schemakit';
import { contacts } from './contacts';
import { crm } from './schema';

export const notes = table(crm, 'notes', {
  columns: {
    id: c.serial().primaryKey(),
    account_id: c.bigint(),
    contact_seq: c.integer(),
    body: c.text().notNull().default(''),
  },
  foreignKeys: (t) => [foreignKey([t.account_id, t.contact_seq]).references(() => contacts).initiallyDeferred()],
});
