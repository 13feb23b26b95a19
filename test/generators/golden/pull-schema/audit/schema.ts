import { schema } from 'schemakit';

export const audit = schema('audit');
