import { c, table } from 'schemakit';

/** Identity added to an existing column; a new table with GENERATED ALWAYS and BY DEFAULT identities. */
export const tickets = table('tickets', {
  columns: {
    id: c.integer().generatedByDefaultAsIdentity(),
    title: c.text(),
  },
});

/** Both identity generations on a new table. */
export const audit = table('audit', {
  columns: {
    id: c.bigint().generatedAlwaysAsIdentity().primaryKey(),
    seq: c.smallint().generatedByDefaultAsIdentity(),
  },
});
