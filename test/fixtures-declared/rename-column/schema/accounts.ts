import { c, index, sql, table } from 'schemakit';

/**
 * Two columns renamed; the check, unique constraint and index that use them keep their (old) names and
 * follow the columns, so the plan is the column renames alone.
 */
export const accounts = table('accounts', {
  columns: {
    id: c.integer().primaryKey(),
    display_name: c.text().notNull().renamedFrom('fullname').comment('Display name')
      .check((x) => sql`length(${x}) > 0`, { name: 'accounts_fullname_check' }),
    email: c.text().renamedFrom('mail').unique({ name: 'accounts_mail_key' }),
  },
  indexes: (t) => [index('accounts_fullname_idx').on(sql`lower(${t.display_name})`)],
});
