import { c, table } from 'schemakit';
import { address, billing, caseInsensitive, email, invoiceNumbers } from './types';

export const invoices = table(billing, 'invoices', {
  columns: {
    id: c.bigint().generatedAlwaysAsIdentity({ start: 1000, increment: 10 }).primaryKey(),
    number: c.bigint().notNull().default(invoiceNumbers.nextval()),
    customer_email: c.type(email).notNull(),
    customer_name: c.text().collate(caseInsensitive),
    billing_address: c.type(address),
  },
});
