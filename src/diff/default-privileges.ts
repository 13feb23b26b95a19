import { defaultPrivilegeKey, type Catalog } from '../model';
import type { Change } from './changes';
import { matchByKey } from './match';

/**
 * Default privilege changes, when both catalogs carry them (declarations do not: then they are not managed)
 * and privileges are compared at all (`grants` not null on either side). A changed grant option is revoked
 * and granted again.
 */
export function diffDefaultPrivileges(from: Catalog, to: Catalog): Change[] {
  if (from.defaultPrivileges === undefined || to.defaultPrivileges === undefined || from.grants === null || to.grants === null) return [];
  const m = matchByKey(from.defaultPrivileges, to.defaultPrivileges, defaultPrivilegeKey);
  const out: Change[] = [];
  for (const d of m.removed) out.push({ kind: 'RevokeDefaultPrivilege', privilege: d });
  for (const d of m.added) out.push({ kind: 'GrantDefaultPrivilege', privilege: d });
  for (const [a, b] of m.common) {
    if (a.grantable !== b.grantable) out.push({ kind: 'RevokeDefaultPrivilege', privilege: a }, { kind: 'GrantDefaultPrivilege', privilege: b });
  }
  return out;
}
