import { c, grant, sequence, table } from 'schemakit';

export const docNumbers = sequence('public', 'doc_numbers');

export const docs = table('public', 'docs', {
  columns: {
    id: c.integer().primaryKey(),
    body: c.text(),
  },
});

/** Privileges are managed because some are declared: DELETE for sk_writer is revoked, these are granted. */
export const privileges = [
  grant(['select', 'insert'], docs, 'sk_reader'),
  grant('UPDATE', docs.columns.body, 'sk_writer', { grantable: true }),
  grant('USAGE', docNumbers, ['sk_reader', 'sk_writer']),
];
