import { c, table } from 'schemakit';

/** serial, bigserial and smallserial: integer columns with an owned sequence as default. */
export const counters = table('counters', {
  columns: {
    id: c.serial().primaryKey(),
    big: c.bigserial(),
    small: c.smallserial(),
    label: c.text(),
  },
});
