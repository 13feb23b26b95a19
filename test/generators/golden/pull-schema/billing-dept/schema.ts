import { schema } from 'schemakit';

export const billingDept = schema('Billing Dept', { comment: 'Invoices (a schema name that needs quotes)' });
