import { c, index, table } from 'schemakit';
import { app, role } from '../schema';
import { teams } from './teams.js';

export const users = table(app, 'users', {
  columns: {
    id: c.bigint().generatedAlwaysAsIdentity().primaryKey(),
    email: c.text().notNull().unique(),
    role: c.enum(role).notNull().default('member'),
    team_id: c.integer().references(() => teams.columns.id, { onDelete: 'cascade' }),
  },
  indexes: (t) => [index().on(t.team_id)],
});
