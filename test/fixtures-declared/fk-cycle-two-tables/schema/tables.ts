import { c, table, type ColumnRef } from 'schemakit';

/**
 * Each department has a manager (an employee)… The thunks' return types are annotated: TypeScript cannot
 * infer the types of two variables whose initializers refer to each other.
 */
export const departments = table('departments', {
  columns: {
    id: c.integer().primaryKey(),
    manager_id: c.integer().references((): ColumnRef => employees.columns.id, { deferrable: true, initiallyDeferred: true }),
  },
});

/** …and each employee belongs to a department: a foreign key cycle between two new tables. */
export const employees = table('employees', {
  columns: {
    id: c.integer().primaryKey(),
    department_id: c.integer().notNull().references((): ColumnRef => departments.columns.id),
  },
});
