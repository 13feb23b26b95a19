import { c, table } from 'schemakit';
import { app } from '../schema';

export const teams = table(app, 'teams', {
  columns: {
    id: c.serial().primaryKey(),
    name: c.text().notNull(),
  },
});
