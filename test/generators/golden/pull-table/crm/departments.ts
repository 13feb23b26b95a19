import { c, foreignKey, table, type AnyTableDecl } from 'schemakit';
import { employees } from './employees';
import { crm } from './schema';

export const departments = table(crm, 'departments', {
  columns: {
    id: c.integer().primaryKey(),
    manager_id: c.integer(),
  },
  foreignKeys: (t) => [foreignKey([t.manager_id]).references((): AnyTableDecl => employees).deferrable()],
});
