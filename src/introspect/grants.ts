import type { Db } from '../db';
import type { Grant, GrantObjectKind } from '../model';
import { notExtensionMember, userObject, userSchema, userOid } from './sql-fragments';

/**
 * Privileges: every ACL entry (aclexplode) of the user's tables (and other relations), columns, sequences,
 * schemas, functions, types and foreign servers, except those the object has anyway: the owner's own, and the entries of
 * its default ACL (acldefault: EXECUTE on functions and USAGE on types for PUBLIC); default entries missing
 * from the ACL are read as revoked. A NULL ACL is the default one, so it yields nothing. Table row types and array types have no ACL of their own to manage.
 * Functions are named `name(argument types)` (oidvectortypes: types only, qualified unless pg_catalog).
 */
const SQL = `
WITH acl AS (
  SELECT CASE WHEN c.relkind = 'S' THEN 'sequence' ELSE 'table' END AS object, n.nspname AS schema, c.relname AS name,
         NULL::pg_catalog.text AS column_name, c.relowner AS owner, c.relacl AS acl,
         pg_catalog.acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner) AS dflt
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relacl IS NOT NULL AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND ${userSchema('n')} AND ${userObject('pg_class', 'c.oid')}
  UNION ALL
  SELECT 'column', n.nspname, c.relname, a.attname, c.relowner, a.attacl, NULL::pg_catalog.aclitem[]
    FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE a.attacl IS NOT NULL AND ${userOid('a.attrelid')} AND a.attnum > 0 AND NOT a.attisdropped AND ${userSchema('n')} AND ${userObject('pg_class', 'c.oid')}
  UNION ALL
  SELECT 'schema', NULL, n.nspname, NULL, n.nspowner, n.nspacl, pg_catalog.acldefault('n', n.nspowner)
    FROM pg_catalog.pg_namespace n
   WHERE n.nspacl IS NOT NULL AND ${userSchema('n')} AND ${notExtensionMember('pg_namespace', 'n.oid')}
  UNION ALL
  SELECT 'function', n.nspname, p.proname || '(' || pg_catalog.oidvectortypes(p.proargtypes) || ')', NULL, p.proowner, p.proacl,
         pg_catalog.acldefault('f', p.proowner)
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
   WHERE p.proacl IS NOT NULL AND ${userSchema('n')} AND ${userObject('pg_proc', 'p.oid')}
  UNION ALL
  SELECT 'server', NULL, s.srvname, NULL, s.srvowner, s.srvacl, pg_catalog.acldefault('S', s.srvowner)
    FROM pg_catalog.pg_foreign_server s
   WHERE s.srvacl IS NOT NULL AND ${userObject('pg_foreign_server', 's.oid')}
  UNION ALL
  SELECT 'type', n.nspname, t.typname, NULL, t.typowner, t.typacl, pg_catalog.acldefault('T', t.typowner)
    FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
   WHERE t.typacl IS NOT NULL AND t.typtype IN ('e', 'd', 'c', 'r', 'm') AND t.typelem = 0
     AND (t.typrelid = 0 OR (SELECT r.relkind FROM pg_catalog.pg_class r WHERE r.oid = t.typrelid) = 'c')
     AND ${userSchema('n')} AND ${userObject('pg_type', 't.oid')}
)
SELECT acl.object, acl.schema, acl.name, acl.column_name, x.privilege_type AS privilege, x.is_grantable AS grantable, false AS revoked,
       CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(x.grantee)::pg_catalog.text END AS grantee
  FROM acl CROSS JOIN LATERAL pg_catalog.aclexplode(acl.acl) x
 WHERE x.grantee <> acl.owner
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.aclexplode(acl.dflt) d
                    WHERE d.grantee = x.grantee AND d.privilege_type = x.privilege_type AND d.is_grantable = x.is_grantable)
UNION ALL
SELECT acl.object, acl.schema, acl.name, acl.column_name, d.privilege_type, false, true,
       CASE WHEN d.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(d.grantee)::pg_catalog.text END
  FROM acl CROSS JOIN LATERAL pg_catalog.aclexplode(acl.dflt) d
 WHERE d.grantee <> acl.owner
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.aclexplode(acl.acl) x WHERE x.grantee = d.grantee AND x.privilege_type = d.privilege_type)`;

interface Row {
  object: GrantObjectKind;
  schema: string | null;
  name: string;
  column_name: string | null;
  privilege: string;
  grantable: boolean;
  revoked: boolean;
  grantee: string;
}

/** Privileges granted beyond the owner's and the defaults. */
export async function introspectGrants(db: Db): Promise<Grant[]> {
  const rows = await db.query<Row>(SQL);
  return rows.map((r) => ({
    kind: 'Grant',
    object: r.object,
    schema: r.schema ?? null,
    name: r.name,
    column: r.column_name ?? null,
    grantee: r.grantee,
    privilege: r.privilege,
    grantable: r.grantable,
    revoked: r.revoked,
  }));
}
