import { c, check, sql, table } from 'schemakit';
import { accounts } from '../crm/tables';
import { billingDept } from './schema';
import { level } from './types';

export const invoiceLines = table(billingDept, 'Invoice Lines', {
  comment: 'Lines of invoices; it\'s a "quoted" table',
  columns: {
    'Line No': c.smallserial().primaryKey(),
    account_id: c.bigint().notNull().references(() => accounts.columns.id, { onUpdate: 'cascade', match: 'full' }),
    'Amount $': c.numeric(10).notNull(),
    level: c.enum(level).default('it\'s "quoted"'),
  },
  checks: (t) => [check('Amount Positive', sql`${t['Amount $']} > (0)::numeric`).noInherit()],
});
