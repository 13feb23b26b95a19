import { extension, foreignServer, foreignTable, grant, schema, sql } from 'schemakit';

export const fileFdw = extension('file_fdw');

export const ext = schema('ext');

export const files = foreignServer('files', { wrapper: 'file_fdw', comment: 'CSV files on the database host' });

/** Types written as aliases and a default as `sql`: compared as Postgres prints them. */
export const prices = foreignTable('public', 'prices', {
  server: files,
  columns: {
    id: { type: 'int8', notNull: true, options: { force_not_null: 'true' } },
    label: { type: 'varchar(40)', default: sql`'none'`, comment: 'shown to users' },
  },
  options: { filename: '/tmp/prices.csv', format: 'csv', header: 'true' },
});

export const rates = foreignTable(ext, 'rates', {
  server: files,
  columns: { day: { type: 'date' }, rate: { type: 'numeric(10,4)' } },
  options: { filename: '/tmp/rates.csv', format: 'csv' },
  comment: 'daily rates',
});

export const privileges = [grant('SELECT', rates, 'PUBLIC')];
