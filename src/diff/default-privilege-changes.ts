import type { DefaultPrivilege } from '../model';

/** `ALTER DEFAULT PRIVILEGES … GRANT` of one privilege (issue 9). */
export interface GrantDefaultPrivilege {
  readonly kind: 'GrantDefaultPrivilege';
  readonly privilege: DefaultPrivilege;
}
/** `ALTER DEFAULT PRIVILEGES … REVOKE` of one privilege. */
export interface RevokeDefaultPrivilege {
  readonly kind: 'RevokeDefaultPrivilege';
  readonly privilege: DefaultPrivilege;
}

export type DefaultPrivilegeChange = GrantDefaultPrivilege | RevokeDefaultPrivilege;
