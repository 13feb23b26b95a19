import { c, primaryKey, table } from 'schemakit';

/** A single-column primary key with Postgres's implicit name. */
export const teams = table('teams', {
  columns: {
    id: c.integer().primaryKey(),
    name: c.text().notNull(),
  },
});

/** A named single-column primary key. */
export const users = table('users', {
  columns: {
    id: c.uuid().primaryKey({ name: 'users_pk' }),
  },
});

/** A composite primary key added to an existing table. */
export const memberships = table('memberships', {
  columns: {
    team_id: c.integer().notNull(),
    user_id: c.integer().notNull(),
    role: c.text(),
  },
  primaryKey: (t) => primaryKey(t.team_id, t.user_id),
});

/** A named composite primary key given by column names. */
export const grants = table('grants', {
  columns: {
    subject: c.text(),
    object: c.text(),
    right_name: c.text(),
  },
  primaryKey: primaryKey('grants_by_subject', ['subject', 'object', 'right_name']),
});
