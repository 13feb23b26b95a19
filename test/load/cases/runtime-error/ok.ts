import { c, table } from 'schemakit';
import { broken } from './broken';

export const fine = table('fine', { columns: { id: c.integer(), n: c.integer().default(broken) } });
