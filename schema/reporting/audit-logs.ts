import { c, check, index, sql, table } from 'schemakit';
import { id } from './columns';
import { organizations } from './organizations';
import { reporting } from './schema';
import { users } from './users';

/** Who did what to which resource (partitioned by month in production; a plain table for now). */
export const auditLogs = table(reporting, 'audit_logs', {
  comment: 'Audit trail of user actions',
  columns: {
    id: id(),
    user_id: c.uuid().references(() => users.columns.id, { onDelete: 'set-null' }).comment('Null once the user is deleted'),
    organization_id: c.uuid().notNull().references(() => organizations.columns.id, { onDelete: 'cascade' }),
    action: c.varchar(100).notNull(),
    resource_type: c.varchar(50).notNull(),
    resource_id: c.uuid(),
    old_values: c.jsonb(),
    new_values: c.jsonb(),
    ip_address: c.inet(),
    user_agent: c.text(),
    timestamp: c.timestamptz().notNull().default(sql`now()`),
    session_id: c.uuid(),
  },
  checks: (t) => [
    check('valid_action', sql`${t.action} IN ('create', 'read', 'update', 'delete', 'login', 'logout', 'export')`),
    check('valid_resource_type', sql`${t.resource_type} IN ('user', 'organization', 'template', 'report', 'execution')`),
  ],
  indexes: (t) => [
    index('idx_audit_logs_user_id').on(t.user_id),
    index('idx_audit_logs_organization_id').on(t.organization_id, t.timestamp.desc()),
    index('idx_audit_logs_action').on(t.action),
    index('idx_audit_logs_resource').on(t.resource_type, t.resource_id),
    index('idx_audit_logs_timestamp').on(t.timestamp.desc()),
  ],
});
