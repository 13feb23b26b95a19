import { c, table } from 'schemakit';

/** Character types: text, bounded and unbounded varchar, char with and without length. */
export const profiles = table('profiles', {
  columns: {
    bio: c.text(),
    handle: c.varchar(30).notNull(),
    anything: c.varchar(),
    country: c.char(2),
    flag: c.char(),
  },
});
