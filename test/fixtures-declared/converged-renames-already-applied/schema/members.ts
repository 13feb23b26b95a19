import { c, enumType, index, table, value } from 'schemakit';

/** The rename intents stay in the declarations after they were applied: nothing is left to do. */
export const level = enumType('public', 'level', ['low', value('high', { renamedFrom: 'hi' })], { renamedFrom: 'lvl' });

/** Table, column, constraint and index renames, all already done in the database. */
export const members = table('members', {
  renamedFrom: 'users',
  columns: {
    id: c.integer().primaryKey({ name: 'members_pkey', renamedFrom: 'users_pkey' }),
    display_name: c.text().renamedFrom('name'),
    level: c.enum(level),
  },
  indexes: (t) => [index('members_display_name_idx').on(t.display_name).renamedFrom('users_name_idx')],
});
