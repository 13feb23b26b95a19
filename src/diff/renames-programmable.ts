import type { Catalog, Dependency, Renames } from '../model';
import type { Change } from './changes';
import { renameNamed } from './rename-named';
import { renameIdentifierInSql } from './rename-sql';

/**
 * View and rule definitions as Postgres prints them after a rename of a relation or routine they name: the name
 * token replaced (whole tokens, never in literals), so that a rename alone does not look like a new query.
 */
const renameInViews = (c: Catalog, from: string, to: string): Catalog => ({
  ...c,
  views: c.views.map((v) => ({ ...v, definition: renameIdentifierInSql(v.definition, from, to) })),
  rules: c.rules.map((r) => ({ ...r, definition: renameIdentifierInSql(r.definition, from, to) })),
});

/** Rewrites the dependencies that name a renamed object. */
const mapDeps = (c: Catalog, f: (d: Dependency) => Dependency): Catalog => ({
  ...c,
  views: c.views.map((v) => ({ ...v, dependsOn: v.dependsOn.map(f) })),
  routines: c.routines.map((r) => ({ ...r, dependsOn: r.dependsOn.map(f) })),
  aggregates: c.aggregates.map((a) => ({ ...a, dependsOn: a.dependsOn.map(f) })),
  rules: c.rules.map((r) => ({ ...r, dependsOn: r.dependsOn.map(f) })),
});

/**
 * Explicit renames of views, routines and triggers (see applyRenames): each whose old object exists and
 * whose new name is free becomes a Rename change, and the source catalog is rewritten as if renamed
 * (triggers on a renamed view, indexes of a renamed materialized view, what names a renamed routine).
 * A routine rename names its arguments as declared; when only one overload has the old name, it is that one.
 */
export function applyProgrammableRenames(from: Catalog, renames: Renames): { catalog: Catalog; changes: Change[] } {
  let c = from;
  const changes: Change[] = [];
  for (const r of renames.views) {
    const v = c.views.find((x) => x.schema === r.schema && x.name === r.from);
    if (!v || c.views.some((x) => x.schema === r.schema && x.name === r.to)) continue;
    changes.push({ kind: 'RenameView', schema: r.schema, from: r.from, to: r.to, materialized: v.materialized });
    const on = (x: { schema: string; table: string }) => x.schema === r.schema && x.table === r.from;
    c = {
      ...c,
      views: c.views.map((x) => (x === v ? { ...x, name: r.to } : x)),
      indexes: c.indexes.map((i) => (on(i) ? { ...i, table: r.to } : i)),
      triggers: c.triggers.map((t) => (on(t) ? { ...t, table: r.to } : t)),
    };
    c = followTableRename(c, r.schema, r.from, r.to);
  }
  for (const r of renames.routines) {
    const named = c.routines.filter((x) => x.schema === r.schema && x.name === r.from);
    const old = named.length === 1 ? named[0] : named.find((x) => x.identityArgs === r.identityArgs);
    if (!old) {
      c = renameAggregate(c, r, changes);
      continue;
    }
    if (c.routines.some((x) => x.schema === r.schema && x.name === r.to && x.identityArgs === old.identityArgs)) continue;
    changes.push({ kind: 'RenameRoutine', schema: r.schema, identityArgs: old.identityArgs, procedure: old.procedure, from: r.from, to: r.to });
    const calls = (x: { functionSchema: string; functionName: string }) =>
      x.functionSchema === r.schema && x.functionName === r.from && old.identityArgs === '';
    c = {
      ...c,
      routines: c.routines.map((x) => (x === old ? { ...x, name: r.to } : x)),
      triggers: c.triggers.map((t) => (calls(t) ? { ...t, functionName: r.to } : t)),
      eventTriggers: c.eventTriggers.map((t) => (calls(t) ? { ...t, functionName: r.to } : t)),
    };
    c = mapDeps(renameInViews(c, r.from, r.to), (d) =>
      d.kind === 'routine' && d.schema === r.schema && d.name === r.from && d.args === old.identityArgs ? { ...d, name: r.to } : d,
    );
  }
  for (const r of renames.triggers) {
    const triggers = renameNamed(c.triggers, (t) => t.schema === r.schema && t.table === r.table, r.from, r.to);
    if (triggers === null) continue;
    changes.push({ kind: 'RenameTrigger', schema: r.schema, table: r.table, from: r.from, to: r.to });
    c = { ...c, triggers };
  }
  return { catalog: c, changes };
}

/** After a table (or view) rename: its triggers and rules, and the definitions and dependencies of views that read it. */
export function followTableRename(c: Catalog, schema: string, from: string, to: string): Catalog {
  const on = (x: { schema: string; table: string }) => x.schema === schema && x.table === from;
  const follow = (t: Catalog['triggers'][number]) => ({
    ...t,
    table: on(t) ? to : t.table,
    dependsOn: t.dependsOn.map((d) => (d.kind === 'column' && on(d) ? { ...d, table: to } : d)),
  });
  const renamed = renameInViews(c, from, to);
  const rules = renamed.rules.map((r) => (on(r) ? { ...r, table: to } : r));
  return mapDeps({ ...renamed, triggers: c.triggers.map(follow), rules }, (d) =>
    d.kind === 'relation' && d.schema === schema && d.name === from ? { ...d, name: to } : d.kind === 'column' && on(d) ? { ...d, table: to } : d,
  );
}

/**
 * After a column rename: triggers' UPDATE OF lists and WHEN conditions. Views reading the column are not
 * rewritten (Postgres prints them with an added alias); the diff recreates them around the rename.
 */
export function followColumnRename(c: Catalog, schema: string, table: string, from: string, to: string): Catalog {
  const on = (x: { schema: string; table: string }) => x.schema === schema && x.table === table;
  const follow = (t: Catalog['triggers'][number]) => ({
    ...t,
    updateOf: t.updateOf.map((x) => (x === from ? to : x)),
    dependsOn: t.dependsOn.map((d) => (d.kind === 'column' && on(d) && d.name === from ? { ...d, name: to } : d)),
    when: t.when === null ? null : renameIdentifierInSql(t.when, from, to),
  });
  return { ...c, triggers: c.triggers.map((t) => (on(t) ? follow(t) : t)) };
}

/** A routine rename intent naming an aggregate (same arguments): ALTER AGGREGATE … RENAME TO, and what calls it follows. */
function renameAggregate(c: Catalog, r: Renames['routines'][number], changes: Change[]): Catalog {
  const named = c.aggregates.filter((x) => x.schema === r.schema && x.name === r.from);
  const old = named.length === 1 ? named[0] : named.find((x) => x.identityArgs === r.identityArgs);
  const taken = (x: { schema: string; name: string; identityArgs: string }) => x.schema === r.schema && x.name === r.to && x.identityArgs === old?.identityArgs;
  if (!old || c.aggregates.some(taken) || c.routines.some(taken)) return c;
  changes.push({ kind: 'RenameRoutine', schema: r.schema, identityArgs: old.identityArgs, procedure: false, from: r.from, to: r.to, aggregateArgs: old.args });
  const renamed = { ...c, aggregates: c.aggregates.map((x) => (x === old ? { ...x, name: r.to } : x)) };
  return mapDeps(renameInViews(renamed, r.from, r.to), (d) =>
    d.kind === 'routine' && d.schema === r.schema && d.name === r.from && d.args === old.identityArgs ? { ...d, name: r.to } : d,
  );
}
