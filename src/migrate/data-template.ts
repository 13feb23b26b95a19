import { ident, qualified } from '../sql';
import { DEFAULT_BATCH_SIZE } from './batch-directive';

/** What `generate NAME --data` fills in (placeholders where a value is not given). */
export interface DataTemplateOptions {
  /** The table the batches walk; null writes a placeholder. */
  readonly table: { readonly schema: string; readonly table: string } | null;
  /** Its key column (default `id`). */
  readonly key?: string | null;
  readonly size?: number;
  readonly sleepMs?: number;
}

/**
 * up.sql and down.sql of a data migration: one batched statement each (see runBatched), with the comment
 * lines that make it one (`-- outside transaction` and `-- schemakit:batch …`) and an explanation above.
 * The UPDATE is a template: the column and expression are TODO and must be written before it runs.
 */
export function dataMigrationTemplate(o: DataTemplateOptions): { up: string; down: string } {
  const table = o.table ? qualified(o.table.schema, o.table.table) : 'public.TODO_table';
  const key = o.key ?? 'id';
  const directive = `-- schemakit:batch table=${table} key=${ident(key)} size=${o.size ?? DEFAULT_BATCH_SIZE} sleep=${o.sleepMs ?? 50}ms`;
  const k = ident(key);
  const header = (what: string) => [
    `-- Data migration (${what}), run by schemakit migrate in batches:`,
    `-- - each batch is the next ${o.size ?? DEFAULT_BATCH_SIZE} keys of ${table} in ${key} order (a keyset range, never OFFSET);`,
    '--   the statement below runs once per batch with the first and last key of the range as $1 and $2;',
    '-- - each batch commits on its own, with its progress row in schemakit.migration_progress, so row locks',
    '--   are held for one batch only, and an interrupted run (killed, failed) resumes after the last committed batch;',
    '-- - the sleep between batches lets replicas and other writers keep up;',
    '-- - migrate up shows batches, rows and an ETA on a terminal; migrate status shows a run left part done.',
    '-- Keep the range condition in the WHERE; the statement must be correct for any range (it may run on',
    '-- rows written since the previous batch).',
    '',
    '-- outside transaction',
    directive,
  ];
  const up = [
    ...header('up'),
    `UPDATE ${table}`,
    '   SET TODO_column = TODO_expression',
    ` WHERE ${k} BETWEEN $1 AND $2`,
    '   AND TODO_column IS DISTINCT FROM TODO_expression;',
    '',
  ].join('\n');
  const down = [...header('down: undoes up.sql'), `UPDATE ${table}`, '   SET TODO_column = NULL', ` WHERE ${k} BETWEEN $1 AND $2;`, ''].join('\n');
  return { up, down };
}
