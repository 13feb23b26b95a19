import { nameKey, type ForeignServer, type ForeignTable, type Publication } from '../model';
import type { Sink } from './build-table';
import { fdwOptionList, ForeignServerDecl, ForeignTableDecl } from './foreign';
import { PublicationDecl } from './publication';

/** Declarations of publications, foreign servers and foreign tables. */
export type ReplicationDecl = PublicationDecl | ForeignServerDecl | ForeignTableDecl;

export const isReplicationDecl = (v: unknown): v is ReplicationDecl =>
  v instanceof PublicationDecl || v instanceof ForeignServerDecl || v instanceof ForeignTableDecl;

const text = (x: { text: string } | string): string => (typeof x === 'string' ? x : x.text);
const typeText = (t: string | { toSqlFragment(): { text: string } }): string => (typeof t === 'string' ? t : t.toSqlFragment().text);
const ACTIONS = ['insert', 'update', 'delete', 'truncate'] as const;

/** The catalog lists of these declarations, each located for problems. */
export function collectReplication(
  decls: readonly ReplicationDecl[],
  locate: (key: string, location: ReplicationDecl['location']) => void,
): { publications: Publication[]; foreignServers: ForeignServer[]; foreignTables: ForeignTable[] } {
  const publications: Publication[] = [];
  const foreignServers: ForeignServer[] = [];
  const foreignTables: ForeignTable[] = [];
  for (const d of decls) {
    if (d instanceof PublicationDecl) {
      const o = d.options;
      const publish = o.publish ?? ACTIONS;
      publications.push({
        kind: 'Publication',
        name: d.name,
        allTables: o.allTables ?? false,
        tables: d.tableSpecs().map((t) => ({
          schema: t.table.schema,
          name: t.table.name,
          columns: t.columns ? [...t.columns] : null,
          where: t.where === undefined ? null : text(t.where),
        })),
        schemas: d.schemaNames().sort(),
        publish: ACTIONS.filter((a) => publish.includes(a)),
        viaRoot: o.viaRoot ?? false,
        comment: o.comment ?? null,
      });
      locate(nameKey(d.name), d.location);
    } else if (d instanceof ForeignServerDecl) {
      const o = d.options;
      foreignServers.push({
        kind: 'ForeignServer',
        name: d.name,
        wrapper: o.wrapper,
        type: o.type ?? null,
        version: o.version ?? null,
        options: fdwOptionList(`server ${d.name}`, o.options),
        comment: o.comment ?? null,
      });
      locate(nameKey(d.name), d.location);
    } else {
      const o = d.options;
      foreignTables.push({
        kind: 'ForeignTable',
        schema: d.schema,
        name: d.name,
        server: typeof o.server === 'string' ? o.server : o.server.name,
        columns: Object.entries(o.columns).map(([name, c]) => ({
          name,
          type: typeText(c.type),
          notNull: c.notNull ?? false,
          default: c.default === undefined ? null : text(c.default),
          options: fdwOptionList(`foreign table ${d.schema}.${d.name}.${name}`, c.options),
          comment: c.comment ?? null,
        })),
        options: fdwOptionList(`foreign table ${d.schema}.${d.name}`, o.options),
        comment: o.comment ?? null,
      });
      locate(nameKey(d.schema, d.name), d.location);
    }
  }
  return { publications, foreignServers, foreignTables };
}

/** What a declaration brings with it when only it is exported: its tables, schemas and server. */
export function replicationReach(d: ReplicationDecl): unknown[] {
  if (d instanceof PublicationDecl) return [...d.tableSpecs().map((t) => t.table), ...(d.options.schemas ?? []).filter((s) => typeof s !== 'string')];
  if (d instanceof ForeignTableDecl) return [...(d.schemaDecl ? [d.schemaDecl] : []), ...(typeof d.options.server === 'string' ? [] : [d.options.server])];
  return [];
}

/** The rename intents of a server, a publication and a foreign table's columns (the table's own: collect.ts). */
export function collectReplicationRenames(d: ReplicationDecl, out: Sink['renames']['objects']): void {
  const from = d instanceof ForeignTableDecl ? undefined : d.options.renamedFrom;
  if (d instanceof PublicationDecl && from !== undefined) out.publications.push({ from, to: d.name });
  if (d instanceof ForeignServerDecl && from !== undefined) out.foreignServers.push({ from, to: d.name });
  if (d instanceof ForeignTableDecl)
    for (const [name, c] of Object.entries(d.options.columns))
      if (c.renamedFrom !== undefined) out.foreignColumns.push({ schema: d.schema, table: d.name, from: c.renamedFrom, to: name });
}
