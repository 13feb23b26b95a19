import { c, table, type ColumnRef } from 'schemakit';

/**
 * A tree: each category may have a parent category (a self-referencing foreign key on a new column). The
 * thunk's return type is annotated: TypeScript cannot infer the type of a variable used in its own initializer.
 */
export const categories = table('categories', {
  columns: {
    id: c.integer().primaryKey(),
    name: c.text().notNull(),
    parent_id: c.integer().references((): ColumnRef => categories.columns.id, { onDelete: 'cascade' }),
  },
});
