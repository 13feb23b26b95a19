import { c, sql, table } from 'schemakit';

const columns = (): never => {
  throw new Error('no columns for you');
};

export const t = table('t', {
  columns: {
    a: c.integer(),
    b: c.integer().generatedAlwaysAs(() => sql`${columns()}`),
  },
});
