import { c, check, index, sql, table } from 'schemakit';
import { createdAt, id, jsonObject, updatedAt } from './columns';
import { organizations } from './organizations';
import { reporting } from './schema';
import { templates } from './templates';
import { users } from './users';

/** Reports: a template with parameters, scheduled and executed. */
export const reports = table(reporting, 'reports', {
  comment: 'Reports built from templates',
  columns: {
    id: id(),
    name: c.varchar(255).notNull(),
    description: c.text(),
    template_id: c.uuid().notNull().references(() => templates.columns.id, { onDelete: 'restrict' }),
    organization_id: c.uuid().notNull().references(() => organizations.columns.id, { onDelete: 'cascade' }),
    created_by: c.uuid().notNull().references(() => users.columns.id, { onDelete: 'restrict' }),
    parameters: jsonObject(),
    configuration: jsonObject(),
    status: c.varchar(50).notNull().default('draft'),
    priority: c.integer().notNull().default(5),
    scheduled_at: c.timestamptz(),
    created_at: createdAt(),
    updated_at: updatedAt(),
    last_executed: c.timestamptz(),
    execution_count: c.integer().notNull().default(0),
  },
  checks: (t) => [
    check('valid_status', sql`${t.status} IN ('draft', 'scheduled', 'processing', 'completed', 'failed', 'cancelled')`),
    check('valid_priority', sql`${t.priority} BETWEEN 1 AND 10`),
    check('valid_execution_count', sql`${t.execution_count} >= 0`),
  ],
  indexes: (t) => [
    index('idx_reports_template_id').on(t.template_id),
    index('idx_reports_created_by').on(t.created_by),
    index('idx_reports_scheduled_at').on(t.scheduled_at).where(sql`${t.scheduled_at} IS NOT NULL`),
    index('idx_reports_last_executed').on(t.last_executed.desc().nullsLast()),
    // The common listing: an organization's reports by status, newest first (also serves organization_id alone).
    index('idx_reports_org_status_created').on(t.organization_id, t.status, t.created_at.desc()),
    // Searches inside parameters (`parameters @> '{"region": "eu"}'`).
    index('idx_reports_parameters_gin').on(t.parameters).using('gin').opclass('jsonb_path_ops'),
  ],
});
