import { schema } from 'schemakit';

export const crm = schema('crm', { comment: 'Customers and their contacts' });
