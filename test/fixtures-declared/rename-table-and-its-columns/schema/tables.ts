import { c, table } from 'schemakit';

/** A renamed table with a renamed column that another table references. */
export const people = table('people', {
  renamedFrom: 'person',
  columns: {
    id: c.integer().primaryKey({ name: 'person_pkey' }).renamedFrom('person_id'),
    name: c.text().renamedFrom('person_name'),
  },
});

/** The referencing column is renamed too; its foreign key keeps its name. */
export const pet = table('pet', {
  columns: {
    id: c.integer().primaryKey(),
    owner_id: c.integer().renamedFrom('owner').references(() => people.columns.id, { name: 'pet_owner_fkey' }),
  },
});
