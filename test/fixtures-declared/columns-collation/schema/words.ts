import { c, table } from 'schemakit';

/** A collation set on one column, removed from another, and a new column with a collation. */
export const words = table('words', {
  columns: {
    id: c.integer().primaryKey(),
    word: c.text().collate('C'),
    code: c.varchar(10),
    sort_key: c.text().collate('POSIX'),
  },
});
