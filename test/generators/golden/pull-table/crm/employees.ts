import { c, table, type ColumnRef } from 'schemakit';
import { departments } from './departments';
import { crm } from './schema';

export const employees = table(crm, 'employees', {
  columns: {
    id: c.integer().primaryKey(),
    department_id: c.integer().notNull().references((): ColumnRef => departments.columns.id),
  },
});
