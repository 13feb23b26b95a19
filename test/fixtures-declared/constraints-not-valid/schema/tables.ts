import { c, check, foreignKey, sql, table } from 'schemakit';

/** The referenced table. */
export const authors = table('authors', {
  columns: { id: c.integer().primaryKey() },
});

/**
 * Existing NOT VALID constraints: one kept NOT VALID, one declared validated (VALIDATE CONSTRAINT), and new
 * ones added NOT VALID (column-level and table-level).
 */
export const books = table('books', {
  columns: {
    id: c.integer().primaryKey(),
    author_id: c.integer().references(() => authors.columns.id, { notValid: true }),
    editor_id: c.integer(),
    pages: c.integer(),
    isbn: c.text(),
  },
  checks: (t) => [check(sql`${t.pages} > 0`), check(sql`${t.isbn} <> ''`).notValid()],
  foreignKeys: (t) => [foreignKey([t.editor_id]).references(() => authors).notValid()],
});
