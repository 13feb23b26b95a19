import { extension, foreignServer, foreignTable } from 'schemakit';

export const fileFdw = extension('file_fdw');

export const files = foreignServer('files', { wrapper: 'file_fdw' });

export const priceList = foreignTable('public', 'price_list', {
  server: files,
  columns: { id: { type: 'integer', notNull: true }, label: { type: 'text' } },
  options: { filename: '/tmp/prices.csv', format: 'csv' },
  comment: 'price list',
  renamedFrom: 'prices',
});
