import { c, check, foreignKey, index, primaryKey, sql, table, unique } from 'schemakit';

/** A primary key renamed (column-level options). */
export const teams = table('teams', {
  columns: {
    id: c.integer().primaryKey({ name: 'teams_pkey', renamedFrom: 'teams_pk' }),
  },
});

/** Every constraint kind and an index renamed (table-level builders). */
export const players = table('players', {
  columns: {
    id: c.integer(),
    team_id: c.integer(),
    number: c.integer(),
    nick: c.text(),
  },
  primaryKey: (t) => primaryKey('players_pkey', [t.id]).renamedFrom('players_pk'),
  foreignKeys: (t) => [foreignKey('players_team_id_fkey', [t.team_id]).references(() => teams).renamedFrom('players_team_fk')],
  checks: (t) => [check('players_number_check', sql`${t.number} > 0`).renamedFrom('players_number_positive')],
  uniques: (t) => [unique('players_nick_key', [t.nick]).renamedFrom('players_nick_uq')],
  indexes: (t) => [index('players_team_id_idx').on(t.team_id).renamedFrom('players_team_ix')],
});
