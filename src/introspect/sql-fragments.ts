/**
 * SQL pieces shared by the per-kind catalog queries. Every query runs with `search_path = ''`, so catalog
 * names are written qualified here only for clarity; pg_catalog is always searched first anyway.
 */

/**
 * Schemas that are never the user's: every `pg_*` schema (pg_catalog, pg_toast, pg_temp_N,
 * pg_toast_temp_N; user schemas cannot start with `pg_`), information_schema, and `schemakit`, which
 * holds our own migration history.
 */
export const userSchema = (nsp: string): string => `${nsp}.nspname !~ '^pg_' AND ${nsp}.nspname NOT IN ('information_schema', 'schemakit')`;

/**
 * True unless the object belongs to an extension (pg_depend deptype 'e'): those are the extension's.
 * Written as NOT IN over one scan of pg_depend (a hashed subplan) rather than NOT EXISTS, which probes
 * pg_depend's index once per row: the same result (objid is never null), fewer lookups on big catalogs.
 */
export const notExtensionMember = (catalog: string, oid: string): string =>
  `${oid} NOT IN (SELECT dep.objid FROM pg_catalog.pg_depend dep WHERE dep.classid = 'pg_catalog.${catalog}'::pg_catalog.regclass AND dep.deptype = 'e' AND ${userOid('dep.objid')})`;

/**
 * True for an object made after initdb: every object of a user schema (and every server, publication, event
 * trigger) has an OID at or above FirstNormalObjectId, 16384 (OIDs wrap around to it, never below), while the
 * built-in rows of the catalogs are below it (pg_dump tells built-ins apart the same way). A range condition on
 * the catalog's OID index: the queries read the user's rows instead of scanning the thousands of built-in ones
 * (pg_proc, pg_type, pg_attribute, pg_depend), most of the time of an introspection of a small database. Not
 * for schemas: initdb makes \`public\` (OID 2200).
 */
export const userOid = (oid: string): string => `${oid} >= '16384'::pg_catalog.oid`;

/** An object of `catalog` (not pg_namespace: see userOid) made by the user: made after initdb and not a member of an extension. */
export const userObject = (catalog: string, oid: string): string => `${userOid(oid)} AND ${notExtensionMember(catalog, oid)}`;

/** Relations that count as tables: ordinary ('r') and partitioned ('p'). */
export const tableKinds = `('r', 'p')`;

/**
 * A constraint the table declares itself, not a copy Postgres made: partitions get a copy of every
 * constraint of their parent (conparentid for keys and foreign keys, coninhcount for checks), and so do
 * the referenced partitions of a foreign key to a partitioned table; inheritance children get checks with
 * conislocal false. A check a partition had before ATTACH merges (conislocal and coninhcount both set)
 * and is the parent's as well.
 */
export const ownConstraint = (co: string, c: string): string =>
  `${co}.conparentid = 0 AND ${co}.conislocal AND NOT (${c}.relispartition AND ${co}.coninhcount > 0)`;

/** `quote_ident(name)` qualified by its schema unless that is pg_catalog (the form DDL accepts as is). */
export const qualifiedName = (nsp: string, name: string): string =>
  `CASE WHEN ${nsp}.nspname = 'pg_catalog' THEN pg_catalog.quote_ident(${name}) ELSE pg_catalog.quote_ident(${nsp}.nspname) || '.' || pg_catalog.quote_ident(${name}) END`;

/** LEFT JOIN of the comment (pg_description) on an object of `catalog`, as alias `alias`. */
export const commentJoin = (alias: string, catalog: string, oid: string, subId = '0'): string =>
  `LEFT JOIN pg_catalog.pg_description ${alias} ON ${alias}.objoid = ${oid} AND ${alias}.classoid = 'pg_catalog.${catalog}'::pg_catalog.regclass AND ${alias}.objsubid = ${subId}`;

/**
 * True unless the function is part of a type (pg_depend deptype 'i'): the constructors Postgres creates
 * with a range type and its multirange type, created and dropped with the type.
 */
export const notTypeMember = (oid: string): string =>
  `${oid} NOT IN (SELECT dep.objid FROM pg_catalog.pg_depend dep WHERE dep.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND dep.deptype = 'i' AND ${userOid('dep.objid')})`;
