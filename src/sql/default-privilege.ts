import type { DefaultPrivilege } from '../model';
import { ident } from './quote';

/** `ALTER DEFAULT PRIVILEGES FOR ROLE r IN SCHEMA s` of a default privilege. */
const scopeSql = (d: DefaultPrivilege) => `ALTER DEFAULT PRIVILEGES FOR ROLE ${ident(d.role)} IN SCHEMA ${ident(d.schema)}`;
const granteeSql = (d: DefaultPrivilege) => (d.grantee === 'PUBLIC' ? 'PUBLIC' : ident(d.grantee));

/** `ALTER DEFAULT PRIVILEGES … GRANT privilege ON objects TO grantee [WITH GRANT OPTION]`. */
export function grantDefaultPrivilegeSql(d: DefaultPrivilege): string {
  return `${scopeSql(d)} GRANT ${d.privilege} ON ${d.objects.toUpperCase()} TO ${granteeSql(d)}${d.grantable ? ' WITH GRANT OPTION' : ''}`;
}

/** `ALTER DEFAULT PRIVILEGES … REVOKE privilege ON objects FROM grantee`. */
export function revokeDefaultPrivilegeSql(d: DefaultPrivilege): string {
  return `${scopeSql(d)} REVOKE ${d.privilege} ON ${d.objects.toUpperCase()} FROM ${granteeSql(d)}`;
}
