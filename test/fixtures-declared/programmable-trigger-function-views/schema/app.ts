import { c, check, eventTrigger, func, index, materializedView, sql, table, trigger, view } from 'schemakit';

/** The seeds' trigger function: keeps `updated_at` current on every update. */
export const updateUpdatedAt = func('public', 'update_updated_at_column', {
  returns: 'trigger',
  language: 'plpgsql',
  body: `
BEGIN
    NEW.updated_at = CURRENT_TIMESTAMP;
    RETURN NEW;
END;
`,
  comment: 'Sets updated_at on every update',
});

/** A SQL function used in a check constraint: created before the table. */
export const isEmail = func('public', 'is_email', {
  args: [{ name: 'value', type: 'text' }],
  returns: 'boolean',
  language: 'sql',
  volatility: 'immutable',
  strict: true,
  parallel: 'safe',
  set: { search_path: ['pg_catalog'] },
  body: `SELECT value LIKE '%@%'`,
});

export const users = table('users', {
  columns: {
    id: c.integer().primaryKey(),
    email: c.text().notNull(),
    active: c.boolean().notNull().default(true),
    updated_at: c.timestamptz().notNull().default(sql`now()`),
  },
  checks: (t) => [check('users_email_check', sql`${isEmailCall(t.email)}`)],
});

function isEmailCall(col: unknown) {
  return sql`public.is_email(${col})`;
}

export const teams = table('teams', {
  columns: {
    id: c.integer().primaryKey(),
    name: c.text().notNull(),
    updated_at: c.timestamptz().notNull().default(sql`now()`),
  },
});

export const usersTouch = trigger(users, 'users_updated_at', { timing: 'before', events: ['update'], forEach: 'row', function: updateUpdatedAt });
export const teamsTouch = trigger(teams, 'teams_updated_at', {
  timing: 'before', events: ['update'], forEach: 'row', function: updateUpdatedAt,
  when: sql`OLD.* IS DISTINCT FROM NEW.*`, comment: 'only on real changes',
});

export const activeUsers = view('public', 'active_users', {
  as: sql`SELECT id, email FROM ${users} WHERE active`,
  renamedFrom: 'old_active',
  securityBarrier: true,
  comment: 'Users who can sign in',
});

export const activeEmails = view('public', 'active_emails', { as: sql`SELECT email FROM ${activeUsers}`, checkOption: 'cascaded' });

export const teamNames = materializedView('public', 'team_names', {
  as: sql`SELECT id, name FROM ${teams}`,
  indexes: [index('team_names_id').on(sql`id`).unique()],
});

export const ddlLog = func('public', 'log_ddl', { returns: 'event_trigger', language: 'plpgsql', body: `BEGIN RAISE NOTICE 'ddl: %', tg_tag; END` });
export const logDdl = eventTrigger('log_ddl', { event: 'ddl_command_end', tags: ['CREATE TABLE'], function: ddlLog, enabled: 'D' });
