import { c, check, index, sql, table } from 'schemakit';
import { createdAt, id, isActive, jsonObject, updatedAt } from './columns';
import { organizations } from './organizations';
import { reporting } from './schema';

/** People who sign in; each belongs to one organization. */
export const users = table(reporting, 'users', {
  comment: 'Accounts of people using the platform',
  columns: {
    id: id(),
    email: c.varchar(255).notNull().unique(),
    username: c.varchar(100).notNull().unique(),
    password_hash: c.varchar(255).notNull().comment('pgcrypto crypt() hash, never the password'),
    first_name: c.varchar(100).notNull(),
    last_name: c.varchar(100).notNull(),
    organization_id: c.uuid().notNull().references(() => organizations.columns.id, { onDelete: 'cascade' }),
    role: c.varchar(50).notNull().default('user'),
    preferences: jsonObject(),
    created_at: createdAt(),
    updated_at: updatedAt(),
    is_active: isActive(),
    last_login: c.timestamptz(),
    email_verified: c.boolean().notNull().default(false),
    phone: c.varchar(20),
    timezone: c.varchar(50).notNull().default('UTC'),
    language: c.varchar(10).notNull().default('en'),
  },
  checks: (t) => [
    check('valid_role', sql`${t.role} IN ('super_admin', 'org_admin', 'report_manager', 'report_viewer', 'user')`),
    check('valid_email', sql`${t.email} ~* '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$'`),
    check('valid_username', sql`${t.username} ~* '^[a-zA-Z0-9_-]{3,30}$'`),
  ],
  indexes: (t) => [
    index('idx_users_organization_id').on(t.organization_id),
    index('idx_users_role').on(t.role),
    index('idx_users_is_active').on(t.is_active).where(sql`${t.is_active}`),
    index('idx_users_last_login').on(t.last_login.desc()),
    // Case-insensitive look-ups by e-mail.
    index('idx_users_email_lower').on(sql`lower(${t.email})`).unique(),
  ],
});
