import { c, foreignKey, table } from 'schemakit';

/** The referenced table. */
export const parents = table('parents', {
  columns: { id: c.integer().primaryKey() },
});

/** An existing foreign key becomes deferrable; a new one is initially deferred. */
export const children = table('children', {
  columns: {
    id: c.integer().primaryKey(),
    parent_id: c.integer().references(() => parents.columns.id, { deferrable: true }),
    other_parent_id: c.integer(),
  },
  foreignKeys: (t) => [foreignKey([t.other_parent_id]).references(() => parents).initiallyDeferred()],
});
