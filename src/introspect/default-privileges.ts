import type { Db } from '../db';
import type { DefaultPrivilege, DefaultPrivilegeObjects } from '../model';
import { userSchema } from './sql-fragments';

/**
 * The entries (aclexplode) of the default ACLs scoped to a user schema (`ALTER DEFAULT PRIVILEGES … IN SCHEMA`),
 * one row per role, schema, kind of object, grantee and privilege. Database-wide rules are not read.
 */
const SQL = `
SELECT pg_catalog.pg_get_userbyid(d.defaclrole)::pg_catalog.text AS role, n.nspname AS schema, d.defaclobjtype AS objtype,
       CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(x.grantee)::pg_catalog.text END AS grantee,
       x.privilege_type AS privilege, x.is_grantable AS grantable
  FROM pg_catalog.pg_default_acl d
  JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
 CROSS JOIN LATERAL pg_catalog.aclexplode(d.defaclacl) x
 WHERE ${userSchema('n')}`;

interface Row {
  role: string;
  schema: string;
  objtype: string;
  grantee: string;
  privilege: string;
  grantable: boolean;
}

const objectsOf: Readonly<Record<string, DefaultPrivilegeObjects>> = { r: 'tables', S: 'sequences', f: 'functions', T: 'types' };

/** Schema-scoped default privileges (see DefaultPrivilege). */
export async function introspectDefaultPrivileges(db: Db): Promise<DefaultPrivilege[]> {
  const rows = await db.query<Row>(SQL);
  return rows.flatMap((r) => {
    const objects = objectsOf[r.objtype];
    return objects === undefined
      ? []
      : [{ kind: 'DefaultPrivilege', role: r.role, schema: r.schema, objects, grantee: r.grantee, privilege: r.privilege, grantable: r.grantable }];
  });
}
