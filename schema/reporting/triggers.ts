import { func, sql, trigger, view } from 'schemakit';
import { organizations } from './organizations';
import { reports } from './reports';
import { reporting } from './schema';
import { templates } from './templates';
import { users } from './users';

/** The seeds' trigger function: every update stamps `updated_at`. */
export const updateUpdatedAtColumn = func(reporting, 'update_updated_at_column', {
  returns: 'trigger',
  language: 'plpgsql',
  body: `
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
`,
  comment: 'Sets updated_at to now() on every update',
});

const touch = (on: typeof users | typeof organizations | typeof templates | typeof reports, name: string) =>
  trigger(on, name, { timing: 'before', events: ['update'], forEach: 'row', function: updateUpdatedAtColumn });

export const updatedAtTriggers = [
  touch(users, 'update_users_updated_at'),
  touch(organizations, 'update_organizations_updated_at'),
  touch(templates, 'update_templates_updated_at'),
  touch(reports, 'update_reports_updated_at'),
];

/** Active users with their organization, for the admin screens. */
export const activeUsers = view(reporting, 'active_users', {
  as: sql`SELECT u.id, u.email, u.username, o.name AS organization
            FROM ${users} u JOIN ${organizations} o ON o.id = u.organization_id
           WHERE u.is_active`,
  comment: 'Users who can sign in, with their organization',
});
