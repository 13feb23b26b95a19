import { c, foreignKey, index, table } from 'schemakit';

export const a = table('a', {
  columns: {
    id: c.integer().primaryKey(),
    ref: c.uuid(),
    label: c.text().generatedAlwaysAsIdentity(),
  },
  foreignKeys: (t) => [foreignKey([t.ref]).references(() => b)],
  indexes: (t) => [index('a_idx').on(t.id).include('nope')],
});

export const b = table('b', {
  columns: {
    id: c.integer().primaryKey(),
  },
  indexes: (t) => [index('a_idx').on(t.id)],
});
