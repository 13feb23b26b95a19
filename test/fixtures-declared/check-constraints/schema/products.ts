import { c, check, sql, table } from 'schemakit';

/** Column and table checks: implicit and explicit names, a changed expression, NO INHERIT. */
export const products = table('products', {
  columns: {
    id: c.integer().primaryKey(),
    price: c.numeric(10, 2).check((x) => sql`${x} >= 0`),
    discount: c.numeric(10, 2).check((x) => sql`${x} BETWEEN ${0} AND ${100}`, { name: 'discount_is_percent' }),
    status: c.text().check(sql`status IN ('draft', 'live', 'archived')`),
  },
  checks: (t) => [
    check('discount_below_price', sql`${t.discount} <= ${t.price}`),
    check(sql`${t.id} > 0`).noInherit(),
  ],
});
