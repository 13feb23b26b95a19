/** The kinds of objects a default privilege applies to (`ON TABLES`, …), by their SQL word. */
export type DefaultPrivilegeObjects = 'tables' | 'sequences' | 'functions' | 'types';

/**
 * `ALTER DEFAULT PRIVILEGES FOR ROLE role IN SCHEMA schema GRANT privilege ON objects TO grantee [WITH GRANT
 * OPTION]`: a privilege the objects `role` creates in `schema` get (issue 9). Only rules scoped to a schema are
 * managed; database-wide ones (no schema) belong to the cluster's roles, not to one schema set. Introspected
 * always; declarations leave them out (the catalog field absent), so they are then not managed.
 */
export interface DefaultPrivilege {
  readonly kind: 'DefaultPrivilege';
  readonly role: string;
  readonly schema: string;
  readonly objects: DefaultPrivilegeObjects;
  /** A role name, or `PUBLIC`. */
  readonly grantee: string;
  /** `SELECT`, `INSERT`, `USAGE`, `EXECUTE`, … as aclexplode prints them. */
  readonly privilege: string;
  readonly grantable: boolean;
}

/** Identity of a default privilege: everything but `grantable`. */
export const defaultPrivilegeKey = (d: DefaultPrivilege): string => JSON.stringify([d.role, d.schema, d.objects, d.grantee, d.privilege]);
