import type { Check, Constraint, Exclusion, ForeignKey, PrimaryKey, Table, Unique } from '../../model';
import { assertNever } from '../../util';
import { emitColumn, type ColumnConstraints } from './emit-column';
import { tableCheck, tableExclusion, tableForeignKey, tablePrimaryKey, tableUnique } from './emit-constraint';
import { emitIndex } from './emit-index';
import { tableShapeLines } from './emit-table-shape';
import type { Imports } from './imports';
import type { PullContext } from './pull-context';
import { pullKey } from './pull-names';
import { tsKey, tsList, tsString } from './ts-text';

/** Constraints split into those written on a column and those in the table's lists. */
interface Placed {
  readonly byColumn: Map<string, ColumnConstraints>;
  primaryKey: PrimaryKey | null;
  readonly uniques: Unique[];
  readonly checks: Check[];
  readonly foreignKeys: ForeignKey[];
  readonly exclusions: Exclusion[];
}

/**
 * Puts each constraint where a person would write it: a one-column, non-deferrable primary key, unique or
 * foreign key (to another table) on its column, one of each kind per column; everything else in the table's
 * `primaryKey`/`uniques`/`checks`/`foreignKeys` options.
 */
function placeConstraints(table: Table, constraints: readonly Constraint[]): Placed {
  const pk = constraints.find((c): c is PrimaryKey => c.kind === 'PrimaryKey') ?? null;
  const pkColumns = new Set(pk?.columns ?? []);
  const byColumn = new Map<string, { primaryKey: PrimaryKey | null; unique: Unique | null; references: ForeignKey | null; inPrimaryKey: boolean }>(
    table.columns.map((c) => [c.name, { primaryKey: null, unique: null, references: null, inPrimaryKey: pkColumns.has(c.name) }]),
  );
  const placed: Placed = { byColumn, primaryKey: null, uniques: [], checks: [], foreignKeys: [], exclusions: [] };
  const single = (c: { columns: readonly string[]; deferrable: boolean; include?: readonly string[] }) => {
    const [only] = c.columns;
    return only !== undefined && c.columns.length === 1 && !c.deferrable && c.include === undefined ? (byColumn.get(only) ?? null) : null;
  };
  for (const c of constraints) {
    switch (c.kind) {
      case 'PrimaryKey': {
        const col = single(c);
        if (col) col.primaryKey = c;
        else placed.primaryKey = c;
        break;
      }
      case 'Unique': {
        const col = single(c);
        if (col && col.unique === null) col.unique = c;
        else placed.uniques.push(c);
        break;
      }
      case 'Check':
        placed.checks.push(c);
        break;
      case 'ForeignKey': {
        const self = c.refSchema === c.schema && c.refTable === c.table;
        const col = self ? null : single(c);
        if (col && col.references === null) col.references = c;
        else placed.foreignKeys.push(c);
        break;
      }
      case 'Exclusion':
        placed.exclusions.push(c);
        break;
      default:
        assertNever(c);
    }
  }
  return placed;
}

/** `table(reporting, 'users', { comment, columns: {…}, primaryKey, uniques, foreignKeys, checks, indexes })`. */
export function emitTable(table: Table, ctx: PullContext, imports: Imports): string {
  const members = ctx.members.get(pullKey(table.schema, table.name)) ?? { constraints: [], indexes: [] };
  const placed = placeConstraints(table, members.constraints);
  const schema = ctx.names.schemas.get(table.schema);
  const head = schema
    ? `${imports.lib('table')}(${imports.ref(schema)}, `
    : table.schema === 'public'
      ? `${imports.lib('table')}(`
      : `${imports.lib('table')}(${tsString(table.schema)}, `;
  const lines: string[] = [];
  if (table.comment !== null) lines.push(`  comment: ${tsString(table.comment)},`);
  if (table.columns.length === 0) lines.push('  columns: {},');
  else {
    lines.push('  columns: {');
    for (const col of table.columns) lines.push(`    ${tsKey(col.name)}: ${emitColumn(col, table, placed.byColumn.get(col.name)!, ctx, imports)},`);
    lines.push('  },');
  }
  if (placed.primaryKey) lines.push(`  primaryKey: (t) => ${tablePrimaryKey(placed.primaryKey, table, ctx, imports)},`);
  const list = (key: string, items: string[]) => {
    const text = tsList(items, '  ');
    if (items.length > 0) lines.push(`  ${key}: ${/\bt[.[]/.test(text) ? '(t)' : '()'} => ${text},`);
  };
  list(
    'uniques',
    placed.uniques.map((u) => tableUnique(u, table, ctx, imports)),
  );
  list(
    'foreignKeys',
    placed.foreignKeys.map((fk) => tableForeignKey(fk, table, ctx, imports)),
  );
  list(
    'checks',
    placed.checks.map((ch) => tableCheck(ch, table, ctx, imports)),
  );
  list(
    'exclusions',
    placed.exclusions.map((x) => tableExclusion(x, table, imports)),
  );
  list(
    'indexes',
    members.indexes.map((i) => emitIndex(i, table, ctx, imports)),
  );
  lines.push(
    ...tableShapeLines(
      table,
      ctx.catalog.policies.filter((p) => p.schema === table.schema && p.table === table.name),
      ctx,
      imports,
    ),
  );
  return `${head}${tsString(table.name)}, {\n${lines.join('\n')}\n})`;
}
