import { c, func, rangeType, table } from 'schemakit';

export const timeDiff = func('public', 'time_diff', {
  args: [{ name: 'x', type: 'time' }, { name: 'y', type: 'time' }],
  returns: 'double precision',
  language: 'sql',
  volatility: 'immutable',
  strict: true,
  body: 'SELECT EXTRACT(EPOCH FROM (x - y))::double precision',
});

/** New, with a declared SUBTYPE_DIFF function: created after it. */
export const timerange = rangeType('public', 'timerange', 'time', { subtypeDiff: timeDiff });
/** Changed (a SUBTYPE_DIFF and a comment): dropped and created again. */
export const floatrange = rangeType('public', 'floatrange', 'double precision', { subtypeDiff: 'float8mi', comment: 'ranges of doubles' });
export const textrange = rangeType('public', 'textrange', 'text', { collation: 'C', multirangeName: 'textranges' });

export const slots = table('slots', {
  columns: {
    id: c.integer().primaryKey(),
    hours: c.type(timerange).array(),
    score: c.type(floatrange).notNull(),
    names: c.type(textrange.multirange()),
  },
});
