import { defaultPrivilegeKey, grantKey, type Catalog, type DefaultPrivilege, type DefaultPrivilegeObjects, type Grant } from '../model';
import { serialSequenceName } from '../sql';
import type { Change } from './changes';
import { managesGrant } from './grants';

/** An object a change creates, as a grant names it, with the kind of default privilege rules that apply to it. */
interface Created {
  readonly object: Grant['object'];
  readonly schema: string;
  readonly name: string;
  readonly rules: DefaultPrivilegeObjects;
}

/** The sequences a table's serial and identity columns create with it. */
const ownedSequences = (schema: string, table: string, columns: readonly { name: string; type: string; identity: unknown }[]): Created[] =>
  columns
    .filter((c) => c.identity !== null || /serial$/.test(c.type))
    .map((c) => ({ object: 'sequence', schema, name: serialSequenceName(table, c.name), rules: 'sequences' }));

/** What `c` creates (again) that default privileges apply to: relations, sequences, routines and types. */
function createdBy(c: Change): Created[] {
  const type = (x: { schema: string; name: string }): Created[] => [{ object: 'type', schema: x.schema, name: x.name, rules: 'types' }];
  switch (c.kind) {
    case 'CreateTable':
      return [
        { object: 'table', schema: c.table.schema, name: c.table.name, rules: 'tables' },
        ...ownedSequences(c.table.schema, c.table.name, c.table.columns),
      ];
    case 'AddColumn':
      return ownedSequences(c.schema, c.table, [c.column]);
    case 'CreateView':
      return [{ object: 'table', schema: c.view.schema, name: c.view.name, rules: 'tables' }];
    case 'CreateForeignTable':
      return [{ object: 'table', schema: c.table.schema, name: c.table.name, rules: 'tables' }];
    case 'CreateSequence':
      return [{ object: 'sequence', schema: c.sequence.schema, name: c.sequence.name, rules: 'sequences' }];
    case 'CreateRoutine':
      return [{ object: 'function', schema: c.routine.schema, name: `${c.routine.name}(${c.routine.identityArgs})`, rules: 'functions' }];
    case 'CreateEnum':
      return type(c.enum);
    case 'CreateDomain':
      return type(c.domain);
    case 'CreateCompositeType':
      return type(c.type);
    case 'RecreateEnum':
    case 'RecreateDomain':
    case 'RecreateCompositeType':
      return type(c.to);
    default:
      return [];
  }
}

/**
 * The default privileges in force while the plan creates objects: the rules both sides have alike (a rule
 * the plan revokes goes early, one it grants or changes comes last, with the grants).
 */
function rulesInForce(from: readonly DefaultPrivilege[], to: readonly DefaultPrivilege[]): DefaultPrivilege[] {
  const kept = new Map(from.map((d) => [defaultPrivilegeKey(d), d.grantable]));
  return to.filter((d) => kept.get(defaultPrivilegeKey(d)) === d.grantable);
}

/**
 * An object the plan creates gets what the schema's default privileges give the role creating it (the role
 * running the plan): those the target does not keep, or keeps without the grant option, are revoked after
 * the creation (a REVOKE of what a rule for another role did not give is a no-op). Only when privileges and
 * default privileges are compared.
 */
export function revokeImpliedGrants(changes: readonly Change[], from: Catalog, to: Catalog): Change[] {
  if (from.grants === null || to.grants === null || from.defaultPrivileges === undefined || to.defaultPrivileges === undefined) return [];
  const rules = rulesInForce(from.defaultPrivileges, to.defaultPrivileges);
  if (rules.length === 0) return [];
  const wanted = new Map(to.grants.map((g) => [grantKey(g), g]));
  const revoked = new Set(changes.flatMap((c) => (c.kind === 'RevokePrivilege' ? [grantKey(c.grant)] : [])));
  const out: Change[] = [];
  for (const o of changes.flatMap(createdBy)) {
    for (const d of rules.filter((r) => r.schema === o.schema && r.objects === o.rules)) {
      const g: Grant = {
        kind: 'Grant',
        object: o.object,
        schema: o.schema,
        name: o.name,
        column: null,
        grantee: d.grantee,
        privilege: d.privilege,
        grantable: d.grantable,
        revoked: false,
      };
      const k = grantKey(g);
      const keep = wanted.get(k);
      if (!managesGrant(to, g) || revoked.has(k) || (keep !== undefined && (keep.grantable || !g.grantable))) continue;
      revoked.add(k);
      out.push({ kind: 'RevokePrivilege', grant: g });
    }
  }
  return out;
}
