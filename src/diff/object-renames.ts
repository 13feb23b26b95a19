import type { Catalog, Dependency, Renames } from '../model';
import { qualified } from '../util';
import type { Change } from './changes';
import { canRename, renameNamed } from './rename-named';
import { renameRegconfigInSql } from './rename-sql';
import { mapExpressions } from './renames';
import { followColumnRename } from './renames-programmable';

type Scoped = { readonly schema: string; readonly name: string };
const inSchema =
  (schema: string) =>
  (x: Scoped): boolean =>
    x.schema === schema;
const everywhere = (): boolean => true;

/** Dependencies of views, routines and aggregates on a renamed text search configuration. */
function followConfigRename(c: Catalog, schema: string, from: string, to: string): Catalog {
  const f = (d: Dependency): Dependency => (d.kind === 'text-search-configuration' && d.schema === schema && d.name === from ? { ...d, name: to } : d);
  // Postgres prints a configuration in an expression as a regconfig constant: `'schema.name'::regconfig`.
  const r = (sql: string) => renameRegconfigInSql(sql, schema, from, to);
  const m = mapExpressions(c, r);
  return {
    ...m,
    views: m.views.map((v) => ({ ...v, definition: r(v.definition), dependsOn: v.dependsOn.map(f) })),
    routines: m.routines.map((x) => ({ ...x, dependsOn: x.dependsOn.map(f) })),
    aggregates: m.aggregates.map((x) => ({ ...x, dependsOn: x.dependsOn.map(f) })),
    statistics: m.statistics.map((s) => ({ ...s, expressions: s.expressions.map(r) })),
  };
}

/**
 * Applies the explicit renames of foreign servers, publications, text search dictionaries and
 * configurations, extended statistics and foreign tables' columns (as applyRenames does for tables): each
 * whose old object exists and whose new name is free becomes a rename change, and the source is rewritten as
 * if renamed, with what names it (a server's foreign tables and grants, a dictionary's place in
 * configurations' mappings, a configuration's regconfig constants in expressions, a column's grants).
 */
export function applyObjectRenames(from: Catalog, renames: Renames): { catalog: Catalog; changes: Change[] } {
  const r = renames.objects;
  if (r === undefined) return { catalog: from, changes: [] };
  let c = from;
  const changes: Change[] = [];
  for (const x of r.foreignServers ?? []) {
    const foreignServers = renameNamed(c.foreignServers, everywhere, x.from, x.to);
    if (foreignServers === null) continue;
    changes.push({ kind: 'RenameObject', object: 'ForeignServer', schema: null, from: x.from, to: x.to });
    c = {
      ...c,
      foreignServers,
      foreignTables: c.foreignTables.map((t) => (t.server === x.from ? { ...t, server: x.to } : t)),
      grants: c.grants === null ? null : c.grants.map((g) => (g.object === 'server' && g.name === x.from ? { ...g, name: x.to } : g)),
    };
  }
  for (const x of r.publications ?? []) {
    const publications = renameNamed(c.publications, everywhere, x.from, x.to);
    if (publications === null) continue;
    changes.push({ kind: 'RenameObject', object: 'Publication', schema: null, from: x.from, to: x.to });
    c = { ...c, publications };
  }
  for (const x of r.textSearchDictionaries ?? []) {
    const textSearchDictionaries = renameNamed(c.textSearchDictionaries, inSchema(x.schema), x.from, x.to);
    if (textSearchDictionaries === null) continue;
    changes.push({ kind: 'RenameObject', object: 'TextSearchDictionary', schema: x.schema, from: x.from, to: x.to });
    const [old, now] = [qualified(x.schema, x.from), qualified(x.schema, x.to)];
    const textSearchConfigurations = c.textSearchConfigurations.map((t) => ({
      ...t,
      mappings: t.mappings.map((m) => ({ ...m, dictionaries: m.dictionaries.map((d) => (d === old ? now : d)) })),
    }));
    c = { ...c, textSearchDictionaries, textSearchConfigurations };
  }
  for (const x of r.textSearchConfigurations ?? []) {
    const textSearchConfigurations = renameNamed(c.textSearchConfigurations, inSchema(x.schema), x.from, x.to);
    if (textSearchConfigurations === null) continue;
    changes.push({ kind: 'RenameObject', object: 'TextSearchConfiguration', schema: x.schema, from: x.from, to: x.to });
    c = followConfigRename({ ...c, textSearchConfigurations }, x.schema, x.from, x.to);
  }
  for (const x of r.statistics ?? []) {
    const statistics = renameNamed(c.statistics, inSchema(x.schema), x.from, x.to);
    if (statistics === null) continue;
    changes.push({ kind: 'RenameObject', object: 'Statistics', schema: x.schema, from: x.from, to: x.to });
    c = { ...c, statistics };
  }
  for (const x of r.foreignColumns ?? []) {
    const t = c.foreignTables.find((y) => y.schema === x.schema && y.name === x.table);
    if (!t || !canRename(t.columns, everywhere, x.from, x.to)) continue;
    changes.push({ kind: 'RenameForeignColumn', ...x });
    const onColumn = (g: { object: string; schema: string | null; name: string; column: string | null }) =>
      g.object === 'column' && g.schema === x.schema && g.name === x.table && g.column === x.from;
    c = followColumnRename(
      {
        ...c,
        foreignTables: c.foreignTables.map((y) =>
          y === t ? { ...y, columns: y.columns.map((col) => (col.name === x.from ? { ...col, name: x.to } : col)) } : y,
        ),
        grants: c.grants === null ? null : c.grants.map((g) => (onColumn(g) ? { ...g, column: x.to } : g)),
      },
      x.schema,
      x.table,
      x.from,
      x.to,
    );
  }
  return { catalog: c, changes };
}
