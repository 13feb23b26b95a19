import { c, func, grant, materializedView, procedure, revokeDefault, schema, sql, table, view } from 'schemakit';

export const app = schema('app');

export const users = table(app, 'users', {
  columns: {
    id: c.serial().primaryKey(),
    email: c.text().notNull(),
  },
});

export const emails = view(app, 'emails', { as: sql`SELECT id, email FROM ${users}` });

export const userCount = materializedView(app, 'user_count', { as: sql`SELECT count(*) AS n FROM ${users}` });

/** Argument types written as aliases (`int4`): the grant is keyed by the types as Postgres prints them. */
export const addOne = func(app, 'add_one', { args: [{ name: 'i', type: 'int4' }], returns: 'int4', language: 'sql', body: 'SELECT i + 1' });

export const reset = procedure(app, 'reset', { args: [{ name: 'n', type: 'int' }], language: 'sql', body: 'SELECT 1' });

/** Grants on a view, a view's column, a materialized view, a serial column's sequence, a function and a procedure. */
export const privileges = [
  grant('SELECT', emails, 'sk_reader'),
  grant('UPDATE', { view: emails, column: 'email' }, 'sk_writer'),
  grant('SELECT', userCount, 'sk_reader', { grantable: true }),
  grant('USAGE', { schema: app, sequence: 'users_id_seq' }, 'sk_writer'),
  grant('EXECUTE', addOne, 'sk_reader'),
  revokeDefault('EXECUTE', reset),
  grant('EXECUTE', reset, 'sk_writer'),
];
