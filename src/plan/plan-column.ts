import type { AddColumn, DropColumn, RenameColumn } from '../diff';
import { columnKey, type Column } from '../model';
import { addColumnSql, dropColumnSql, isSerial, renameColumnSql } from '../sql';
import { isNewTable, type PlanContext } from './context';
import { columnDefinitionNeeds } from './column-needs';
import { columnNode, relNode } from './graph-keys';
import { tableLock } from './locks';
import type { Hazard, TableLock } from './types';
import { hazard, Phase, plannedStep, statements, type PlannedStep } from './planned-step';
import { restoreComment } from './comment-step';

/**
 * Functions whose value differs per row. A volatile default makes ADD COLUMN rewrite the table; any other
 * default (including `now()`, which is STABLE) is evaluated once and stored in the catalog (PostgreSQL ≥ 11).
 */
export const VOLATILE_DEFAULT =
  /\b(random|random_normal|gen_random_uuid|uuidv4|uuidv7|uuid_generate_v[1-5]\w*|nextval|clock_timestamp|timeofday|txid_current|setseed)\s*\(/i;

/** Hazards of adding `col` to an existing table (none for a table created by the same plan). */
export function addColumnHazards(schema: string, table: string, col: Column, ctx: PlanContext): Hazard[] {
  if (isNewTable(ctx, schema, table)) return [];
  const object = columnKey(schema, table, col.name);
  const out: Hazard[] = [];
  const filled = col.default !== null || col.identity !== null || col.generated !== null || isSerial(col.type);
  if (col.notNull && !filled) out.push(hazard('may-fail-on-data', object, 'NOT NULL without a default fails if the table has rows'));
  // A virtual generated column is computed when read: adding one rewrites nothing.
  const stored = col.generated !== null && col.virtual !== true;
  if (col.identity !== null || stored || isSerial(col.type) || (col.default !== null && VOLATILE_DEFAULT.test(col.default))) {
    const why = col.identity !== null ? 'an identity' : col.generated !== null ? 'a generated' : isSerial(col.type) ? 'a serial' : 'a volatile default for a';
    out.push(
      hazard('table-rewrite', object, `adding ${why} column rewrites the table`),
      hazard('access-exclusive-lock', object, 'the table is locked (ACCESS EXCLUSIVE) while it is rewritten'),
    );
  }
  return out;
}

/** ADD COLUMN takes ACCESS EXCLUSIVE; it rewrites the table when the column needs a value per row. */
export function addColumnLocks(schema: string, table: string, col: Column, ctx: PlanContext): TableLock[] {
  const rewrite = addColumnHazards(schema, table, col, ctx).some((h) => h.kind === 'table-rewrite');
  return tableLock(ctx, schema, table, 'ACCESS EXCLUSIVE', { rewrite });
}

/** Graph keys a column definition needs. */
export const columnNeeds = (schema: string, table: string, col: Column) => [relNode(schema, table), ...columnDefinitionNeeds(col)];

/** ALTER TABLE … ADD COLUMN. */
export function planAddColumn(c: AddColumn, ctx: PlanContext): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: addColumnSql(c.schema, c.table, c.column),
      reverse: dropColumnSql(c.schema, c.table, c.column.name),
      hazards: addColumnHazards(c.schema, c.table, c.column, ctx),
      locks: addColumnLocks(c.schema, c.table, c.column, ctx),
      object: columnKey(c.schema, c.table, c.column.name),
      op: '+',
      phase: Phase.AddColumn,
      creates: [columnNode(c.schema, c.table, c.column.name)],
      needs: columnNeeds(c.schema, c.table, c.column),
    }),
  ];
}

/** ALTER TABLE … DROP COLUMN; the reverse adds it back (at the end of the table, without its data). */
export function planDropColumn(c: DropColumn): PlannedStep[] {
  const object = columnKey(c.schema, c.table, c.column.name);
  const comment = restoreComment({ kind: 'Column', schema: c.schema, table: c.table, name: c.column.name }, c.column.comment);
  return [
    plannedStep(c, {
      sql: dropColumnSql(c.schema, c.table, c.column.name),
      reverse: statements(addColumnSql(c.schema, c.table, c.column), comment),
      // A generated column rebuilt around a change of what it reads is added again and recomputed: no data is lost.
      hazards: c.around && c.column.generated !== null ? [] : [hazard('deletes-data', object, 'dropping the column deletes its data')],
      object,
      op: '-',
      phase: Phase.DropColumn,
      locks: tableLock(null, c.schema, c.table, 'ACCESS EXCLUSIVE'),
      drops: [columnNode(c.schema, c.table, c.column.name)],
      // A generated column goes before the columns it reads (Postgres refuses to drop those under it).
      needs: [...columnNeeds(c.schema, c.table, c.column), ...(c.reads ?? []).map((n) => columnNode(c.schema, c.table, n))],
    }),
  ];
}

/** ALTER TABLE … RENAME COLUMN. */
export function planRenameColumn(c: RenameColumn): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: renameColumnSql(c.schema, c.table, c.from, c.to),
      reverse: renameColumnSql(c.schema, c.table, c.to, c.from),
      object: columnKey(c.schema, c.table, c.to),
      op: '~',
      phase: Phase.Rename,
      drops: [columnNode(c.schema, c.table, c.from)],
      creates: [columnNode(c.schema, c.table, c.to)],
      needs: [relNode(c.schema, c.table)],
      locks: tableLock(null, c.schema, c.table, 'ACCESS EXCLUSIVE'),
    }),
  ];
}
