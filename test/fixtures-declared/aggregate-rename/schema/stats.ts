import { aggregate, c, func, sql, table, view } from 'schemakit';

export const addInt = func('public', 'add_int', {
  args: [{ type: 'integer' }, { type: 'integer' }],
  returns: 'integer',
  language: 'sql',
  volatility: 'immutable',
  body: 'SELECT $1 + $2',
});

/** Renamed from total: ALTER AGGREGATE … RENAME TO, the view calling it kept. */
export const sumQty = aggregate('public', 'sum_qty', {
  args: ['integer'],
  sfunc: addInt,
  stype: 'integer',
  initcond: '0',
  comment: 'sum of integers',
  renamedFrom: 'total',
});

export const items = table('items', { columns: { id: c.integer().primaryKey(), qty: c.integer().notNull() } });

export const totals = view('public', 'totals', { as: sql`SELECT public.sum_qty(qty) AS qty FROM public.items` });
