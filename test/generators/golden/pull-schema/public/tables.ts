import { table } from 'schemakit';

export const emptyTable = table('empty_table', {
  columns: {},
});
