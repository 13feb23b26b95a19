import { c, check, index, sql, table } from 'schemakit';
import { id, jsonObject } from './columns';
import { reports } from './reports';
import { reporting } from './schema';
import { users } from './users';

/** One run of a report (partitioned by month in production; a plain table for now). */
export const reportExecutions = table(reporting, 'report_executions', {
  comment: 'Executions of reports, with timing and output',
  columns: {
    id: id(),
    report_id: c.uuid().notNull().references(() => reports.columns.id, { onDelete: 'cascade' }),
    executed_by: c.uuid().notNull().references(() => users.columns.id, { onDelete: 'restrict' }),
    status: c.varchar(50).notNull().default('running'),
    started_at: c.timestamptz().notNull().default(sql`now()`),
    completed_at: c.timestamptz(),
    execution_time_ms: c.integer(),
    result_size_bytes: c.bigint(),
    output_format: c.varchar(20),
    output_url: c.text(),
    error_message: c.text(),
    metadata: jsonObject(),
  },
  checks: (t) => [
    check('valid_execution_status', sql`${t.status} IN ('running', 'completed', 'failed', 'cancelled')`),
    check('valid_output_format', sql`${t.output_format} IN ('pdf', 'excel', 'csv', 'json', 'html')`),
    check('valid_execution_time', sql`${t.execution_time_ms} >= 0`),
    check('completed_at_after_started', sql`${t.completed_at} IS NULL OR ${t.completed_at} >= ${t.started_at}`),
  ],
  indexes: (t) => [
    index('idx_report_executions_report_id').on(t.report_id, t.started_at.desc()),
    index('idx_report_executions_executed_by').on(t.executed_by),
    // Only unfinished runs are polled.
    index('idx_report_executions_running').on(t.started_at).where(sql`${t.status} = 'running'`),
    index('idx_report_executions_completed_at').on(t.completed_at.desc()).include(t.status),
    // Time-ordered and append-only: a tiny BRIN index serves range scans.
    index('idx_report_executions_started_at_brin').on(t.started_at).using('brin'),
  ],
});
