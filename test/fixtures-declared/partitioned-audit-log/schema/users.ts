import { c, table } from 'schemakit';

export const users = table('users', { columns: { id: c.uuid().primaryKey() } });
