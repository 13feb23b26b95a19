import { c, check, index, primaryKey, sql, table } from 'schemakit';
import { users } from './users';

/** The seeds' audit_logs, range-partitioned by month (its primary key includes the partition key). */
export const auditLogs = table('audit_logs', {
  columns: {
    id: c.uuid().notNull().default(sql`gen_random_uuid()`),
    user_id: c.uuid().references(() => users.columns.id, { onDelete: 'set-null' }),
    action: c.varchar(100).notNull(),
    timestamp: c.timestamptz().notNull().default(sql`now()`),
  },
  primaryKey: (t) => primaryKey(t.id, t.timestamp),
  checks: (t) => [check('valid_action', sql`${t.action} IN ('create', 'read', 'update', 'delete')`)],
  partitionBy: (t) => ({ range: [t.timestamp] }),
  indexes: (t) => [index('idx_audit_logs_user_id').on(t.user_id), index('idx_audit_logs_timestamp').on(t.timestamp.desc())],
  comment: 'Who did what, by month',
});

const month = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`;

/** One partition per month of 2024. */
export const auditLogMonths = Array.from({ length: 3 }, (_, i) =>
  table(`audit_logs_y2024m${String(i + 1).padStart(2, '0')}`, {
    partitionOf: { parent: auditLogs, from: [month(2024, i + 1)], to: [month(2024, i + 2)] },
  }),
);

/** Rows outside every month. */
export const auditLogsDefault = table('audit_logs_default', {
  partitionOf: { parent: auditLogs, isDefault: true },
  comment: 'rows outside every month',
});
