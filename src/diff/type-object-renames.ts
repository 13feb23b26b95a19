import type { Catalog, Grant, Renames } from '../model';
import { literal, qualified } from '../util';
import type { Change } from './changes';
import { renameTypeIn } from './renames';
import type { TypeObjectKind } from './type-object-changes';

type Named = { readonly schema: string; readonly name: string };
const listOf = { Sequence: 'sequences', Domain: 'domains', CompositeType: 'compositeTypes', Collation: 'collations' } as const;

/** The catalog with object `from` of kind `object` named `to` (no other reference rewritten). */
function renameEntry(c: Catalog, object: TypeObjectKind, schema: string, from: string, to: string): Catalog {
  const key = listOf[object];
  const list = c[key] as readonly Named[];
  return { ...c, [key]: list.map((x) => (x.schema === schema && x.name === from ? { ...x, name: to } : x)) };
}

const has = (c: Catalog, object: TypeObjectKind, schema: string, name: string) =>
  (c[listOf[object]] as readonly Named[]).some((x) => x.schema === schema && x.name === name);

/**
 * Applies the explicit renames of sequences, domains, composite types, collations and their members (like
 * applyRenames does for tables): each rename whose old object exists and whose new name is free becomes a
 * rename change, and the source is rewritten as if renamed, including the references to it (column types,
 * `nextval('…'::regclass)` defaults, column collations).
 */
export function applyTypeObjectRenames(from: Catalog, renames: Renames): { catalog: Catalog; changes: Change[] } {
  const r = renames.typeObjects;
  if (r === undefined) return { catalog: from, changes: [] };
  let c = from;
  const changes: Change[] = [];
  for (const x of r.sequences) {
    if (!has(c, 'Sequence', x.schema, x.from) || has(c, 'Sequence', x.schema, x.to)) continue;
    changes.push({ kind: 'RenameTypeObject', object: 'Sequence', ...x });
    c = renameEntry(c, 'Sequence', x.schema, x.from, x.to);
    const [old, now] = [literal(qualified(x.schema, x.from)), literal(qualified(x.schema, x.to))];
    c = {
      ...c,
      tables: c.tables.map((t) => ({
        ...t,
        columns: t.columns.map((col) => (col.default === null ? col : { ...col, default: col.default.split(`${old}::regclass`).join(`${now}::regclass`) })),
      })),
    };
  }
  for (const x of r.types) {
    const object: TypeObjectKind | null = has(c, 'Domain', x.schema, x.from) ? 'Domain' : has(c, 'CompositeType', x.schema, x.from) ? 'CompositeType' : null;
    if (object === null || has(c, object, x.schema, x.to)) continue;
    changes.push({ kind: 'RenameTypeObject', object, ...x });
    c = renameTypeIn(renameEntry(c, object, x.schema, x.from, x.to), x.schema, x.from, x.to);
  }
  for (const x of r.collations) {
    if (!has(c, 'Collation', x.schema, x.from) || has(c, 'Collation', x.schema, x.to)) continue;
    changes.push({ kind: 'RenameTypeObject', object: 'Collation', ...x });
    const [old, now] = [qualified(x.schema, x.from), qualified(x.schema, x.to)];
    c = renameEntry(c, 'Collation', x.schema, x.from, x.to);
    c = { ...c, tables: c.tables.map((t) => ({ ...t, columns: t.columns.map((col) => (col.collation === old ? { ...col, collation: now } : col)) })) };
  }
  for (const x of r.members) {
    const d = c.domains.find((y) => y.schema === x.schema && y.name === x.type);
    if (d && d.checks.some((k) => k.name === x.from) && !d.checks.some((k) => k.name === x.to)) {
      changes.push({ kind: 'RenameTypeMember', object: 'Domain', ...x });
      c = {
        ...c,
        domains: c.domains.map((y) =>
          y === d ? { ...y, checks: y.checks.map((k) => (k.name === x.from ? { ...k, name: x.to } : k)).sort((p, q) => (p.name < q.name ? -1 : 1)) } : y,
        ),
      };
      continue;
    }
    const t = c.compositeTypes.find((y) => y.schema === x.schema && y.name === x.type);
    if (t && t.attributes.some((a) => a.name === x.from) && !t.attributes.some((a) => a.name === x.to)) {
      changes.push({ kind: 'RenameTypeMember', object: 'CompositeType', ...x });
      c = {
        ...c,
        compositeTypes: c.compositeTypes.map((y) =>
          y === t ? { ...y, attributes: y.attributes.map((a) => (a.name === x.from ? { ...a, name: x.to } : a)) } : y,
        ),
      };
    }
  }
  return { catalog: c, changes };
}

/**
 * After the table and column renames of applyRenames: the OWNED BY columns of sequences and the grants on
 * renamed tables, columns, sequences and types follow the rename, as they do in Postgres.
 */
export function followRenames(c: Catalog, renames: Renames): Catalog {
  let out = c;
  const grants = (f: (g: Grant) => Grant) => (out.grants === null ? null : out.grants.map(f));
  for (const r of renames.tables) {
    out = {
      ...out,
      sequences: out.sequences.map((s) => (s.schema === r.schema && s.ownedBy?.table === r.from ? { ...s, ownedBy: { ...s.ownedBy, table: r.to } } : s)),
      grants: grants((g) => ((g.object === 'table' || g.object === 'column') && g.schema === r.schema && g.name === r.from ? { ...g, name: r.to } : g)),
    };
  }
  for (const r of renames.columns) {
    out = {
      ...out,
      sequences: out.sequences.map((s) =>
        s.schema === r.schema && s.ownedBy?.table === r.table && s.ownedBy.column === r.from ? { ...s, ownedBy: { ...s.ownedBy, column: r.to } } : s,
      ),
      grants: grants((g) => (g.object === 'column' && g.schema === r.schema && g.name === r.table && g.column === r.from ? { ...g, column: r.to } : g)),
    };
  }
  const t = renames.typeObjects;
  for (const r of [
    ...(t?.sequences ?? []).map((x) => ({ ...x, object: 'sequence' as const })),
    ...(t?.types ?? []).map((x) => ({ ...x, object: 'type' as const })),
    ...renames.enums.map((x) => ({ ...x, object: 'type' as const })),
  ]) {
    out = { ...out, grants: grants((g) => (g.object === r.object && g.schema === r.schema && g.name === r.from ? { ...g, name: r.to } : g)) };
  }
  return out;
}
