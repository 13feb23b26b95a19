import { foreignServerKey, foreignTableKey, publicationKey, type Catalog, type CommentTarget, type Renames } from '../model';
import type { Change } from './changes';
import { matchByKey } from './match';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const comment = (target: CommentTarget, from: string | null, to: string | null): Change[] => (from === to ? [] : [{ kind: 'SetComment', target, from, to }]);

/**
 * Publications: created, dropped, or altered in place (options, tables and schemas added or dropped); a
 * change of FOR ALL TABLES cannot be altered and recreates the publication.
 */
export function diffPublications(from: Catalog, to: Catalog): Change[] {
  const m = matchByKey(from.publications, to.publications, publicationKey);
  const out: Change[] = [];
  for (const p of m.removed) out.push({ kind: 'DropPublication', publication: p });
  for (const p of m.added) out.push({ kind: 'CreatePublication', publication: p });
  for (const [a, b] of m.common) {
    if (a.allTables !== b.allTables) out.push({ kind: 'DropPublication', publication: a }, { kind: 'CreatePublication', publication: b });
    else {
      const { comment: ca, ...ra } = a;
      const { comment: cb, ...rb } = b;
      if (!same(ra, rb)) out.push({ kind: 'AlterPublication', from: a, to: b });
      out.push(...comment({ kind: 'Publication', name: b.name }, ca, cb));
    }
  }
  return out;
}

/** Foreign servers: created, dropped, altered (version, options); a new wrapper or type recreates the server. */
export function diffForeignServers(from: Catalog, to: Catalog): Change[] {
  const m = matchByKey(from.foreignServers, to.foreignServers, foreignServerKey);
  const out: Change[] = [];
  for (const s of m.removed) out.push({ kind: 'DropForeignServer', server: s });
  for (const s of m.added) out.push({ kind: 'CreateForeignServer', server: s });
  for (const [a, b] of m.common) {
    if (a.wrapper !== b.wrapper || a.type !== b.type) out.push({ kind: 'DropForeignServer', server: a }, { kind: 'CreateForeignServer', server: b });
    else {
      if (a.version !== b.version || !same(a.options, b.options)) out.push({ kind: 'AlterForeignServer', from: a, to: b });
      out.push(...comment({ kind: 'ForeignServer', name: b.name }, a.comment, b.comment));
    }
  }
  return out;
}

/**
 * Foreign tables: created, dropped, altered (columns, options, column comments); a table whose server is
 * recreated or changed is recreated, as is one whose column changes type (it holds no data).
 */
export function diffForeignTables(from: Catalog, to: Catalog, recreatedServers: ReadonlySet<string>): Change[] {
  const m = matchByKey(from.foreignTables, to.foreignTables, foreignTableKey);
  const out: Change[] = [];
  for (const t of m.removed) out.push({ kind: 'DropForeignTable', table: t });
  for (const t of m.added) out.push({ kind: 'CreateForeignTable', table: t });
  for (const [a, b] of m.common) {
    if (a.server !== b.server || recreatedServers.has(b.server) || !columnsKeepOrder(a.columns, b.columns)) {
      out.push({ kind: 'DropForeignTable', table: a }, { kind: 'CreateForeignTable', table: b });
      continue;
    }
    const { comment: ca, ...ra } = a;
    const { comment: cb, ...rb } = b;
    if (!same(ra, rb)) out.push({ kind: 'AlterForeignTable', from: a, to: b });
    out.push(...comment({ kind: 'ForeignTable', schema: b.schema, name: b.name }, ca, cb));
  }
  return out;
}

/**
 * True when ALTER can reach `to`'s column order: the kept columns stay in their order and new ones come
 * last (ADD COLUMN appends); otherwise the foreign table is recreated (it holds no data).
 */
function columnsKeepOrder(from: readonly { name: string }[], to: readonly { name: string }[]): boolean {
  const before = new Set(from.map((c) => c.name));
  const kept = to.filter((c) => before.has(c.name)).map((c) => c.name);
  const after = new Set(kept);
  const order = from.filter((c) => after.has(c.name)).map((c) => c.name);
  const firstNew = to.findIndex((c) => !before.has(c.name));
  return order.join('\0') === kept.join('\0') && (firstNew < 0 || to.slice(firstNew).every((c) => !before.has(c.name)));
}

/**
 * Publications seen after the plan's table and column renames: Postgres keeps a renamed table (and its
 * renamed columns) in its publications by itself.
 */
export function followPublicationRenames(c: Catalog, renames: Renames): Catalog {
  if (renames.tables.length === 0 && renames.columns.length === 0) return c;
  const publications = c.publications.map((p) => ({
    ...p,
    tables: p.tables.map((t) => {
      const name = renames.tables.find((r) => r.schema === t.schema && r.from === t.name)?.to ?? t.name;
      const column = (c: string) => renames.columns.find((r) => r.schema === t.schema && r.table === name && r.from === c)?.to ?? c;
      return { ...t, name, columns: t.columns === null ? null : t.columns.map(column) };
    }),
  }));
  return { ...c, publications };
}

/** Publications, foreign servers and foreign tables. */
export function diffReplication(from: Catalog, to: Catalog): Change[] {
  const servers = diffForeignServers(from, to);
  const recreated = new Set(
    servers.flatMap((c) => (c.kind === 'DropForeignServer' && to.foreignServers.some((s) => s.name === c.server.name) ? [c.server.name] : [])),
  );
  return [...diffPublications(from, to), ...servers, ...diffForeignTables(from, to, recreated)];
}

/** Columns (by table key) whose type the changes alter in place or convert to a recreated type. */
function retypedColumns(changes: readonly Change[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (schema: string, table: string, column: string) => {
    const k = JSON.stringify([schema, table]);
    out.set(k, (out.get(k) ?? new Set()).add(column));
  };
  for (const c of changes) {
    if (c.kind === 'AlterColumn' && (c.from.type !== c.to.type || c.from.collation !== c.to.collation)) add(c.schema, c.table, c.from.name);
    else if (c.kind === 'RecreateEnum' || c.kind === 'RecreateDomain' || c.kind === 'RecreateCompositeType' || c.kind === 'RecreateRangeType')
      for (const x of c.columns) add(x.schema, x.table, x.column.name);
  }
  return out;
}

/**
 * Publication memberships the plan must take out and put back (where the membership itself does not
 * change: AlterPublication handles that): of tables it drops and creates again (DROP TABLE takes the table
 * out of its publications), and of tables whose columns in the column list or read by the row filter change
 * type (Postgres refuses ALTER COLUMN … TYPE under either; the filter's columns are not known, so any retyped
 * column of a filtered table counts). The table is dropped from each publication before (the reverse adds it
 * back in `down`) and added again after.
 */
export function republishRecreated(changes: readonly Change[], from: Catalog, to: Catalog): Change[] {
  const key = (schema: string, name: string) => JSON.stringify([schema, name]);
  const dropped = new Set(changes.flatMap((c) => (c.kind === 'DropTable' ? [key(c.table.schema, c.table.name)] : [])));
  const recreated = new Set(
    changes.flatMap((c) => (c.kind === 'CreateTable' && dropped.has(key(c.table.schema, c.table.name)) ? [key(c.table.schema, c.table.name)] : [])),
  );
  const retyped = retypedColumns(changes);
  if (recreated.size === 0 && retyped.size === 0) return [];
  const replaced = new Set(changes.flatMap((c) => (c.kind === 'DropPublication' || c.kind === 'CreatePublication' ? [c.publication.name] : [])));
  const out: Change[] = [];
  for (const b of to.publications) {
    const a = from.publications.find((p) => p.name === b.name);
    if (a === undefined || replaced.has(b.name)) continue;
    for (const t of b.tables) {
      if (!a.tables.some((x) => same(x, t))) continue;
      const k = key(t.schema, t.name);
      const read = [...(retyped.get(k) ?? [])].filter((col) => t.where !== null || (t.columns?.includes(col) ?? false));
      if (!recreated.has(k) && read.length === 0) continue;
      const without = { ...b, tables: b.tables.filter((x) => x !== t) };
      const dependsOn = read.map((name) => ({ kind: 'column' as const, schema: t.schema, table: t.name, name }));
      const around = (before: boolean) => (recreated.has(k) ? {} : { around: { dependsOn, before } });
      out.push({ kind: 'AlterPublication', from: b, to: without, ...around(true) }, { kind: 'AlterPublication', from: without, to: b, ...around(false) });
    }
  }
  return out;
}
