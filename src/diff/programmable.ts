import { indexKey, routineKey, triggerKey, viewKey, type Catalog, type Routine, type Trigger, type View } from '../model';
import { deepEqual } from '../util';
import type { Change } from './changes';
import { dependencyKey, dependsOnAny, invalidatedBy, relationKey, routineDependencyKey } from './dependents';
import { commentChanged, matchByKey } from './match';
import { rebuildExpressionUsers } from './expression-dependents';
import { diffRules } from './rules';
import { aggregateChanges, matchAggregates, settleAggregates } from './aggregates';

/** What happens to an object on both sides: `refresh` only for a materialized view populated or emptied. */
type Fate = 'same' | 'replace' | 'recreate' | 'refresh';

/** Everything but the comment and the dependencies (which follow from the definition). */
const sameDefinition = <T extends { comment: string | null }>(a: T, b: T) =>
  deepEqual(
    { ...a, comment: null, dependsOn: null, columnComments: null, columnSettings: null, storageParameters: null },
    { ...b, comment: null, dependsOn: null, columnComments: null, columnSettings: null, storageParameters: null },
  );

/** COMMENT ON COLUMN changes of a view's output columns (`a` null: the view is new or created again). */
function viewColumnComments(a: View | null, b: View): Change[] {
  const before = new Map((a?.columnComments ?? []).map((x) => [x.column, x.comment]));
  const after = new Map(b.columnComments.map((x) => [x.column, x.comment]));
  const target = (column: string) => ({ kind: 'Column' as const, schema: b.schema, table: b.name, name: column });
  return [...new Set([...before.keys(), ...after.keys()])]
    .sort()
    .filter((col) => before.get(col) !== after.get(col) && (after.has(col) || b.columns.length === 0 || b.columns.some((c) => c.name === col)))
    .map((col) => ({ kind: 'SetComment', target: target(col), from: before.get(col) ?? null, to: after.get(col) ?? null }));
}

/** A view's column settings (defaults, statistics, storage) changed in place (`a` null: the view is new or created again, without any). */
function viewColumnSettings(a: View | null, b: View): Change[] {
  const { columnSettings: _none, ...bare } = b;
  const from: View = a ?? bare;
  return deepEqual(from.columnSettings ?? [], b.columnSettings ?? []) ? [] : [{ kind: 'AlterViewColumns', from, to: b }];
}

/** CREATE OR REPLACE VIEW keeps the existing columns (names and types, in order) and may only append. */
function viewReplaceable(a: View, b: View): Fate | null {
  if (a.materialized && b.materialized && sameDefinition({ ...a, withData: true }, { ...b, withData: true })) return 'refresh';
  const appended =
    !a.materialized &&
    !b.materialized &&
    a.columns.length <= b.columns.length &&
    a.columns.every((c, i) => c.name === b.columns[i]?.name && c.type === b.columns[i]?.type);
  return appended ? 'replace' : null;
}

/** CREATE OR REPLACE FUNCTION cannot change the result type nor argument names, modes or defaults. */
const routineReplaceable = (a: Routine, b: Routine): Fate | null =>
  a.procedure === b.procedure && a.args === b.args && a.returns === b.returns ? 'replace' : null;

/** The fate of each common object, before dependencies are taken into account. */
function initialFates<T extends { comment: string | null }>(
  common: readonly (readonly [T, T])[],
  key: (x: T) => string,
  replaceable: (a: T, b: T) => Fate | null,
): Map<string, Fate> {
  return new Map(common.map(([a, b]) => [key(a), sameDefinition(a, b) ? 'same' : (replaceable(a, b) ?? 'recreate')]));
}

/**
 * Views, routines and triggers, with their dependents: a view or routine that reads something the plan
 * breaks (a column changing type, a dropped relation, a recreated enum, a routine dropped and created
 * again) is dropped and created again itself, transitively (views on views), and so are the triggers and
 * indexes that live on a recreated view. Everything else is created, replaced in place, or dropped.
 */
export function diffProgrammable(from: Catalog, to: Catalog, base: readonly Change[]): Change[] {
  const invalid = invalidatedBy(base);
  const routines = matchByKey(from.routines, to.routines, routineKey);
  const views = matchByKey(from.views, to.views, viewKey);
  const routineFate = initialFates(routines.common, routineKey, routineReplaceable);
  const viewFate = initialFates(views.common, viewKey, viewReplaceable);
  for (const r of routines.removed) invalid.add(routineDependencyKey(r.schema, r.name, r.identityArgs));
  for (const v of views.removed) invalid.add(relationKey(v.schema, v.name));
  const aggregates = matchAggregates(from, to, invalid);
  // Recreations invalidate what reads the recreated object: iterate to the fixpoint.
  for (let changed = true; changed;) {
    changed = settleAggregates(aggregates, invalid);
    for (const [a] of routines.common) {
      const k = routineKey(a);
      if (routineFate.get(k) !== 'recreate' && dependsOnAny(a.dependsOn, invalid)) routineFate.set(k, 'recreate');
      if (routineFate.get(k) === 'recreate' && !invalid.has(routineDependencyKey(a.schema, a.name, a.identityArgs))) {
        invalid.add(routineDependencyKey(a.schema, a.name, a.identityArgs));
        changed = true;
      }
    }
    for (const [a] of views.common) {
      const k = viewKey(a);
      if (viewFate.get(k) !== 'recreate' && dependsOnAny(a.dependsOn, invalid)) viewFate.set(k, 'recreate');
      if (viewFate.get(k) === 'recreate' && !invalid.has(relationKey(a.schema, a.name))) {
        invalid.add(relationKey(a.schema, a.name));
        for (const c of a.columns) invalid.add(dependencyKey({ kind: 'column', schema: a.schema, table: a.name, name: c.name }));
        changed = true;
      }
    }
  }
  const out: Change[] = [];
  for (const r of routines.removed) out.push({ kind: 'DropRoutine', routine: r });
  for (const r of routines.added) out.push({ kind: 'CreateRoutine', routine: r });
  for (const [a, b] of routines.common) {
    const fate = routineFate.get(routineKey(a));
    if (fate === 'recreate') out.push({ kind: 'DropRoutine', routine: a }, { kind: 'CreateRoutine', routine: b });
    else if (fate === 'replace') out.push({ kind: 'ReplaceRoutine', from: a, to: b });
    if (fate !== 'recreate' && commentChanged(a, b)) {
      out.push({
        kind: 'SetComment',
        target: { kind: 'Routine', schema: b.schema, name: b.name, identityArgs: b.identityArgs, procedure: b.procedure },
        from: a.comment,
        to: b.comment,
      });
    }
  }
  out.push(...aggregateChanges(aggregates));
  for (const v of views.removed) out.push({ kind: 'DropView', view: v });
  for (const v of views.added) out.push({ kind: 'CreateView', view: v }, ...viewColumnComments(null, v), ...viewColumnSettings(null, v));
  for (const [a, b] of views.common) {
    const fate = viewFate.get(viewKey(a));
    if (fate === 'refresh') out.push({ kind: 'RefreshView', from: a, to: b });
    else if (fate === 'recreate') out.push({ kind: 'DropView', view: a }, { kind: 'CreateView', view: b });
    else if (fate === 'replace') out.push({ kind: 'ReplaceView', from: a, to: b });
    out.push(...viewColumnComments(fate === 'recreate' ? null : a, b), ...viewColumnSettings(fate === 'recreate' ? null : a, b));
    if (fate !== 'recreate' && !deepEqual(a.storageParameters, b.storageParameters)) out.push({ kind: 'AlterViewStorage', from: a, to: b });
    if (fate !== 'recreate' && commentChanged(a, b)) {
      out.push({ kind: 'SetComment', target: { kind: 'View', schema: b.schema, name: b.name, materialized: b.materialized }, from: a.comment, to: b.comment });
    }
  }
  out.push(...rebuildOnRecreated(from, to, base, invalid));
  out.push(...rebuildExpressionUsers(from, to, base, invalid));
  out.push(...diffTriggers(from, to, invalid), ...diffEventTriggers(from, to, invalid), ...diffRules(from, to, invalid));
  return out;
}

/** Indexes of recreated materialized views (which DROP takes with it) are dropped and created again explicitly. */
function rebuildOnRecreated(from: Catalog, to: Catalog, base: readonly Change[], invalid: ReadonlySet<string>): Change[] {
  const touched = new Set(base.flatMap((c) => (c.kind === 'DropIndex' ? [indexKey(c.index)] : c.kind === 'CreateIndex' ? [indexKey(c.index)] : [])));
  const toIndexes = new Map(to.indexes.map((i) => [indexKey(i), i]));
  const out: Change[] = [];
  for (const i of from.indexes) {
    const j = toIndexes.get(indexKey(i));
    if (!j || touched.has(indexKey(i)) || !invalid.has(relationKey(i.schema, i.table)) || !to.views.some((v) => v.schema === i.schema && v.name === i.table))
      continue;
    out.push({ kind: 'DropIndex', index: i }, { kind: 'CreateIndex', index: j });
    if (j.comment !== null) out.push({ kind: 'SetComment', target: { kind: 'Index', schema: j.schema, name: j.name }, from: null, to: j.comment });
  }
  return out;
}

/** A trigger without its firing state (the default `O` stands for none). */
const firing = (t: Trigger): Trigger => {
  const { enabled: _state, ...rest } = t;
  return rest;
};

/**
 * Triggers: a changed trigger, or one on a recreated view, calling a recreated function or reading a column
 * whose type changes (Postgres refuses the ALTER then), is dropped and created.
 */
function diffTriggers(from: Catalog, to: Catalog, invalid: ReadonlySet<string>): Change[] {
  const m = matchByKey(from.triggers, to.triggers, triggerKey);
  const out: Change[] = [];
  for (const t of m.removed) out.push({ kind: 'DropTrigger', trigger: t });
  for (const t of m.added) out.push({ kind: 'CreateTrigger', trigger: t });
  for (const [a, b] of m.common) {
    const broken =
      invalid.has(relationKey(a.schema, a.table)) ||
      invalid.has(routineDependencyKey(a.functionSchema, a.functionName, '')) ||
      dependsOnAny(a.dependsOn, invalid);
    if (broken || !sameDefinition(firing(a), firing(b))) out.push({ kind: 'DropTrigger', trigger: a }, { kind: 'CreateTrigger', trigger: b });
    else {
      // The firing state alone (ENABLE/DISABLE/REPLICA/ALWAYS) changes in place.
      if (a.enabled !== b.enabled) out.push({ kind: 'AlterTrigger', from: a, to: b });
      if (commentChanged(a, b))
        out.push({ kind: 'SetComment', target: { kind: 'Trigger', schema: b.schema, table: b.table, name: b.name }, from: a.comment, to: b.comment });
    }
  }
  return out;
}

/** Event triggers: enabling is altered in place; any other change is a drop and a create. */
function diffEventTriggers(from: Catalog, to: Catalog, invalid: ReadonlySet<string>): Change[] {
  const m = matchByKey(from.eventTriggers, to.eventTriggers, (e) => e.name);
  const out: Change[] = [];
  for (const e of m.removed) out.push({ kind: 'DropEventTrigger', eventTrigger: e });
  for (const e of m.added) out.push({ kind: 'CreateEventTrigger', eventTrigger: e });
  for (const [a, b] of m.common) {
    const broken = invalid.has(routineDependencyKey(a.functionSchema, a.functionName, ''));
    if (broken || !sameDefinition({ ...a, enabled: 'O' }, { ...b, enabled: 'O' }))
      out.push({ kind: 'DropEventTrigger', eventTrigger: a }, { kind: 'CreateEventTrigger', eventTrigger: b });
    else {
      if (a.enabled !== b.enabled) out.push({ kind: 'AlterEventTrigger', from: a, to: b });
      if (commentChanged(a, b)) out.push({ kind: 'SetComment', target: { kind: 'EventTrigger', name: b.name }, from: a.comment, to: b.comment });
    }
  }
  return out;
}
