import { c, check, foreignKey, index, sql, table, unique } from 'schemakit';
import { createdAt, id, isActive, jsonObject, updatedAt } from './columns';
import { organizations } from './organizations';
import { reporting } from './schema';
import { users } from './users';

/** Report templates: the structure and parameters a report is produced from. */
export const templates = table(reporting, 'templates', {
  comment: 'Versioned report templates',
  columns: {
    id: id(),
    name: c.varchar(255).notNull(),
    description: c.text(),
    organization_id: c.uuid().notNull().references(() => organizations.columns.id, { onDelete: 'cascade' }),
    created_by: c.uuid().notNull().references(() => users.columns.id, { onDelete: 'restrict' }),
    template_type: c.varchar(50).notNull(),
    structure: jsonObject(),
    parameters: jsonObject(),
    configuration: jsonObject(),
    version: c.integer().notNull().default(1),
    parent_template_id: c.uuid().comment('Template this version was derived from'),
    is_active: isActive(),
    is_public: c.boolean().notNull().default(false),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  uniques: (t) => [unique('unique_template_name_version', [t.organization_id, t.name, t.version])],
  // A reference to the table itself goes here: `t` is typed already, while `templates` is still being
  // inferred (a column-level `() => templates.columns.id` would need a `(): ColumnRef` annotation).
  foreignKeys: (t) => [foreignKey([t.parent_template_id]).references(() => t.id).onDelete('set-null')],
  checks: (t) => [
    check('valid_template_type', sql`${t.template_type} IN ('tabular', 'chart', 'dashboard', 'custom')`),
    check('valid_version', sql`${t.version} > 0`),
  ],
  indexes: (t) => [
    index('idx_templates_created_by').on(t.created_by),
    index('idx_templates_template_type').on(t.template_type),
    index('idx_templates_is_public').on(t.is_public).where(sql`${t.is_public}`),
    index('idx_templates_created_at').on(t.created_at.desc()),
    index('idx_templates_parent_template_id').on(t.parent_template_id),
    // Only active templates are listed, by organization and name.
    index('idx_templates_active_org').on(t.organization_id, t.name).where(sql`${t.is_active} = true`),
  ],
});
