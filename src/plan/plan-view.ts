import type { AlterViewColumns, AlterViewStorage, CreateView, DropView, RefreshView, RenameView, ReplaceView } from '../diff';
import { parameterSteps } from './plan-table-shape';
import { relKey, type View } from '../model';
import {
  createViewSql,
  defaultStorage,
  dropViewSql,
  refreshViewSql,
  renameViewSql,
  viewColumnDefaultSql,
  viewColumnStatisticsSql,
  viewColumnStorageSql,
  viewStorageParametersSql,
} from '../sql';
import { commentAfterCreate, restoreComment } from './comment-step';
import { columnNode, dependencyNeeds, relNode, schemaNode, typeNode } from './graph-keys';
import { hazard, Phase, plannedStep, statements, type PlannedStep } from './planned-step';

/** Graph keys a view consists of: the relation, its row type and its output columns. */
const viewNodes = (v: View) => [relNode(v.schema, v.name), typeNode(v.schema, v.name), ...v.columns.map((c) => columnNode(v.schema, v.name, c.name))];
const viewNeeds = (v: View) => [schemaNode(v.schema), ...dependencyNeeds(v.dependsOn)];
const viewTarget = (v: View) => ({ kind: 'View' as const, schema: v.schema, name: v.name, materialized: v.materialized });
/** The comments of a view and of its columns, and its columns' settings, as a reverse restores them. */
const viewComment = (v: View) =>
  statements(
    ...(v.columnSettings ?? []).flatMap((d) => [
      d.default === undefined ? null : viewColumnDefaultSql(v, d.column, d.default),
      d.statistics === undefined ? null : viewColumnStatisticsSql(v, d.column, d.statistics),
      d.storage === undefined ? null : viewColumnStorageSql(v, d.column, d.storage),
    ]),
    restoreComment(viewTarget(v), v.comment),
    ...v.columnComments.map((x) => restoreComment({ kind: 'Column', schema: v.schema, table: v.name, name: x.column }, x.comment)),
  );

/** CREATE [MATERIALIZED] VIEW (after everything it reads), and its comment. */
export function planCreateView(c: CreateView): PlannedStep[] {
  const v = c.view;
  const object = relKey(v);
  return [
    plannedStep(c, { sql: createViewSql(v), reverse: dropViewSql(v), object, op: '+', phase: Phase.CreateView, creates: viewNodes(v), needs: viewNeeds(v) }),
    ...commentAfterCreate(c, viewTarget(v), v.comment, object, relNode(v.schema, v.name)),
  ];
}

/** DROP [MATERIALIZED] VIEW (before what it reads changes); the reverse creates it again with its comment. */
export function planDropView(c: DropView): PlannedStep[] {
  const v = c.view;
  const object = relKey(v);
  return [
    plannedStep(c, {
      sql: dropViewSql(v),
      reverse: statements(createViewSql(v), viewComment(v)),
      object,
      op: '-',
      phase: Phase.DropView,
      drops: viewNodes(v),
      needs: viewNeeds(v),
    }),
  ];
}

/**
 * CREATE OR REPLACE VIEW. Its reverse is CREATE OR REPLACE with the old query, unless columns were appended
 * (Postgres cannot remove view columns): then the view is dropped and created as it was.
 */
export function planReplaceView(c: ReplaceView): PlannedStep[] {
  const { from, to } = c;
  const appended = to.columns.slice(from.columns.length);
  const reverse = appended.length === 0 ? createViewSql(from, true) : statements(dropViewSql(to), createViewSql(from), viewComment(from));
  return [
    plannedStep(c, {
      sql: createViewSql(to, true),
      reverse,
      object: relKey(to),
      op: '~',
      phase: Phase.CreateView,
      creates: appended.map((col) => columnNode(to.schema, to.name, col.name)),
      // What the old query read is needed too: a table it no longer reads is dropped only after the replace.
      needs: [relNode(to.schema, to.name), ...viewNeeds(to), ...viewNeeds(from)],
    }),
  ];
}

/** ALTER [MATERIALIZED] VIEW … RENAME TO. */
export function planRenameView(c: RenameView): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: renameViewSql(c, c.schema, c.from, c.to),
      reverse: renameViewSql(c, c.schema, c.to, c.from),
      object: relKey({ schema: c.schema, name: c.to }),
      op: '~',
      phase: Phase.Rename,
      drops: [relNode(c.schema, c.from), typeNode(c.schema, c.from)],
      creates: [relNode(c.schema, c.to), typeNode(c.schema, c.to)],
    }),
  ];
}

/** ALTER MATERIALIZED VIEW SET / RESET of storage parameters (each with its reverse). */
export function planAlterViewStorage(c: AlterViewStorage): PlannedStep[] {
  const object = relKey(c.to);
  return parameterSteps(c.from.storageParameters, c.to.storageParameters, (set, reset) => viewStorageParametersSql(c.to, set, reset)).map((p) =>
    plannedStep(c, {
      sql: p.sql,
      reverse: p.reverse,
      object,
      op: '~',
      phase: Phase.AlterColumn,
      needs: [relNode(c.to.schema, c.to.name)],
    }),
  );
}

/** REFRESH MATERIALIZED VIEW [WITH NO DATA]: populates or empties it. */
export function planRefreshView(c: RefreshView): PlannedStep[] {
  const object = relKey(c.to);
  return [
    plannedStep(c, {
      sql: refreshViewSql(c.to, c.to.withData),
      reverse: refreshViewSql(c.from, c.from.withData),
      object,
      op: '~',
      phase: Phase.RefreshView,
      hazards: [hazard('access-exclusive-lock', object, 'REFRESH MATERIALIZED VIEW locks it (ACCESS EXCLUSIVE) while it runs')],
      needs: [relNode(c.to.schema, c.to.name), ...dependencyNeeds(c.to.dependsOn)],
    }),
  ];
}

/**
 * ALTER [MATERIALIZED] VIEW … ALTER COLUMN: one step per column and setting that changes (default, statistics target,
 * storage; storage goes back to the type's, see defaultStorage), after the view and column exist.
 */
export function planAlterViewColumns(c: AlterViewColumns): PlannedStep[] {
  const v = c.to;
  const [before, after] = [c.from, c.to].map((x) => new Map((x.columnSettings ?? []).map((s) => [s.column, s] as const)));
  const columns = [...new Set([...before!.keys(), ...after!.keys()])].sort();
  const typeStorage = (col: string) => defaultStorage(v.columns.find((x) => x.name === col)?.type ?? '');
  return columns.flatMap((col) => {
    const [x, y] = [before!.get(col), after!.get(col)];
    const pairs: [string, string][] = [];
    if (x?.default !== y?.default) pairs.push([viewColumnDefaultSql(v, col, y?.default ?? null), viewColumnDefaultSql(v, col, x?.default ?? null)]);
    if (x?.statistics !== y?.statistics)
      pairs.push([viewColumnStatisticsSql(v, col, y?.statistics ?? null), viewColumnStatisticsSql(v, col, x?.statistics ?? null)]);
    if (x?.storage !== y?.storage)
      pairs.push([viewColumnStorageSql(v, col, y?.storage ?? typeStorage(col)), viewColumnStorageSql(v, col, x?.storage ?? typeStorage(col))]);
    return pairs.map(([sql, reverse]) =>
      plannedStep(c, {
        sql,
        reverse,
        object: relKey(v),
        op: '~',
        phase: Phase.CreateView,
        needs: [relNode(v.schema, v.name), columnNode(v.schema, v.name, col)],
      }),
    );
  });
}
