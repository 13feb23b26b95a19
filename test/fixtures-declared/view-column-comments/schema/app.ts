import { c, sql, table, view } from 'schemakit';

export const users = table('users', {
  columns: { id: c.integer().primaryKey(), email: c.text() },
});

/** Column comments on a view: one changed, one added. */
export const active = view('public', 'active', {
  as: sql`SELECT id, email FROM ${users}`,
  columnComments: { email: 'Lower-cased address', id: 'The user' },
});
