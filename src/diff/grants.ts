import { grantKey, type Catalog, type Grant } from '../model';
import { serialSequenceName } from '../sql';
import type { Change } from './changes';
import { matchByKey } from './match';

/**
 * True when the grant's object is one `c` manages: grants on other objects (an undeclared `public` schema)
 * are never revoked, and grants on dropped objects go with them. A function is matched by name (the
 * declared argument types are not yet as Postgres prints them).
 */
export function managesGrant(c: Catalog, g: Grant): boolean {
  const rel = (name: string) =>
    [c.tables, c.views, c.foreignTables].map((xs) => xs.find((t) => t.schema === g.schema && t.name === name)).find((x) => x !== undefined);
  switch (g.object) {
    case 'schema':
      return c.schemas.some((s) => s.name === g.name);
    case 'table':
      return rel(g.name) !== undefined;
    case 'column':
      return rel(g.name)?.columns.some((x) => x.name === g.column) ?? false;
    case 'sequence':
      return (
        c.sequences.some((s) => s.schema === g.schema && s.name === g.name) ||
        c.tables.some(
          (t) =>
            t.schema === g.schema && t.columns.some((x) => (x.identity !== null || /serial$/.test(x.type)) && serialSequenceName(t.name, x.name) === g.name),
        )
      );
    case 'type':
      return [...c.enums, ...c.domains, ...c.compositeTypes].some((x) => x.schema === g.schema && x.name === g.name);
    case 'server':
      return c.foreignServers.some((s) => s.name === g.name);
    case 'function':
      return c.routines.some((r) => r.schema === g.schema && g.name.startsWith(`${r.name}(`));
  }
}

/**
 * Privilege changes, only when both catalogs carry privileges (declarations carry them only when they
 * declare privileges: roles live outside one database, so managing them is opt-in). A changed grant option
 * is revoked and granted again.
 */
export function diffGrants(from: Catalog, to: Catalog): Change[] {
  if (from.grants === null || to.grants === null) return [];
  const m = matchByKey(
    from.grants.filter((g) => managesGrant(to, g)),
    to.grants.filter((g) => managesGrant(to, g)),
    grantKey,
  );
  const out: Change[] = [];
  for (const g of m.removed) out.push({ kind: 'RevokePrivilege', grant: g });
  for (const g of m.added) out.push({ kind: 'GrantPrivilege', grant: g });
  for (const [a, b] of m.common) if (a.grantable !== b.grantable) out.push({ kind: 'RevokePrivilege', grant: a }, { kind: 'GrantPrivilege', grant: b });
  return out;
}
