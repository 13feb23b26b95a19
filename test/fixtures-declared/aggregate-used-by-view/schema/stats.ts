import { aggregate, c, func, schema, sql, table, view } from 'schemakit';

export const stats = schema('stats', { comment: 'aggregates (issue 9)' });

export const addInt = func('public', 'add_int', {
  args: [{ type: 'integer' }, { type: 'integer' }],
  returns: 'integer',
  language: 'sql',
  volatility: 'immutable',
  body: 'SELECT $1 + $2',
});

/** Changed in place (CREATE OR REPLACE): a new initial state and a combine function. */
export const total = aggregate('public', 'total', {
  args: ['integer'],
  sfunc: addInt,
  stype: 'integer',
  initcond: '10',
  combinefunc: addInt,
  parallel: 'safe',
  comment: 'sum of integers, from ten',
});

/** New: an ordered-set aggregate over built-in functions, in a declared schema. */
export const median = aggregate(stats, 'median', {
  args: ['double precision'],
  orderBy: ['anyelement'],
  sfunc: 'ordered_set_transition',
  stype: 'internal',
  finalfunc: 'percentile_disc_final',
  finalfuncExtra: true,
});

export const items = table('items', {
  columns: {
    id: c.integer().primaryKey(),
    qty: c.integer().notNull(),
  },
});

/** A view calling both aggregates: created after them. */
export const itemStats = view('public', 'item_stats', {
  as: sql`SELECT public.total(qty) AS total, stats.median(0.5) WITHIN GROUP (ORDER BY qty) AS median FROM ${items}`,
});
