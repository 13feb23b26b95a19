import { c, enumType, table, value } from 'schemakit';

/** The enum is renamed and two of its values too (ALTER TYPE … RENAME TO / RENAME VALUE, PG 10+). */
export const color = enumType('public', 'color', ['red', value('green', { renamedFrom: 'grn' }), value('blue', { renamedFrom: 'blu' })], {
  renamedFrom: 'colour',
  comment: 'Paint colours',
});

/** The columns keep their data; the default (of a value not renamed) follows the renamed type. */
export const paints = table('paints', {
  columns: {
    id: c.integer().primaryKey(),
    shade: c.enum(color).notNull().default('red'),
    history: c.enum(color).array(),
  },
});
