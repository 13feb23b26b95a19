import { c, check, enumType, index, sql, table, value } from 'schemakit';

/** A value renamed while a column default, a check and an index predicate use it. */
export const status = enumType('public', 'status', [value('open', { renamedFrom: 'new' }), 'done']);

/** After RENAME VALUE, Postgres prints the default, the check and the predicate with the new label. */
export const tasks = table('tasks', {
  columns: {
    id: c.integer().primaryKey(),
    status: c.enum(status).notNull().default('open'),
  },
  checks: (t) => [check('tasks_not_new_check', sql`${t.status} <> 'open' OR ${t.id} > 0`)],
  indexes: (t) => [index('tasks_open_idx').on(t.id).where(sql`${t.status} = 'open'`)],
});
