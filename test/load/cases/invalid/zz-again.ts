import { c, table } from 'schemakit';

export const again = table('a', {
  columns: { id: c.integer() },
});
