import { c, table } from 'schemakit';

/** Every numeric type family, with and without modifiers. */
export const measurements = table('measurements', {
  columns: {
    tiny: c.smallint(),
    count: c.integer().notNull(),
    big: c.bigint(),
    amount: c.numeric(12, 2),
    whole: c.numeric(10),
    exact: c.numeric(),
    ratio: c.real(),
    precise: c.doublePrecision(),
  },
});
