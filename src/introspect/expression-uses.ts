import type { Dependency, ExpressionOwner, ExpressionUse } from '../model';
import type { Db } from '../db';
import { userSchema, userOid } from './sql-fragments';

/**
 * Owners of table expressions and their pg_depend entries: CHECK and EXCLUDE constraints of tables, indexes
 * with expressions or a predicate (not those behind a constraint), policies, and defaults (`pg_attrdef`,
 * which also holds generation expressions), and domains' CHECK constraints (their own type left out) and defaults (the
 * type's own entries, its base type left out). Postgres records a column an index or a check reads as
 * deptype 'a' and the rest as 'n', so both are read; the owner's own table and column are left out.
 * An EXCLUDE constraint's expressions (routines, columns) are recorded on its index, not on the constraint, so its
 * index's entries are read as the constraint's too (the index's own 'i' entry on the constraint is neither).
 */
const owners = `
  SELECT 'constraint' AS owner_kind, 'pg_catalog.pg_constraint'::pg_catalog.regclass AS classid, c.oid AS objid,
         n.nspname AS schema, t.relname AS tname, c.conname AS name, 0 AS self_att, c.conrelid AS rel, 0::pg_catalog.oid AS self_type
    FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_class t ON t.oid = c.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
   WHERE c.contype IN ('c', 'x') AND ${userOid('c.oid')} AND ${userSchema('n')}
  UNION ALL
  SELECT 'constraint', 'pg_catalog.pg_class'::pg_catalog.regclass, c.conindid, n.nspname, t.relname, c.conname, 0, c.conrelid, 0
    FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_class t ON t.oid = c.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
   WHERE c.contype = 'x' AND ${userOid('c.oid')} AND ${userSchema('n')}
  UNION ALL
  SELECT 'index', 'pg_catalog.pg_class'::pg_catalog.regclass, i.indexrelid, n.nspname, t.relname, ic.relname, 0, i.indrelid, 0
    FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace
   WHERE (i.indexprs IS NOT NULL OR i.indpred IS NOT NULL) AND ${userOid('i.indexrelid')} AND ${userSchema('n')}
     AND i.indexrelid NOT IN (SELECT k.conindid FROM pg_catalog.pg_constraint k WHERE k.contype IN ('p', 'u', 'x'))
  UNION ALL
  SELECT 'policy', 'pg_catalog.pg_policy'::pg_catalog.regclass, p.oid, n.nspname, t.relname, p.polname, 0, p.polrelid, 0
    FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class t ON t.oid = p.polrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
   WHERE ${userOid('p.oid')} AND ${userSchema('n')}
  UNION ALL
  SELECT CASE WHEN a.attgenerated <> '' THEN 'generated' ELSE 'default' END, 'pg_catalog.pg_attrdef'::pg_catalog.regclass, d.oid,
         n.nspname, t.relname, a.attname, d.adnum, d.adrelid, 0
    FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
    JOIN pg_catalog.pg_class t ON t.oid = d.adrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
   WHERE t.relkind IN ('r', 'p') AND ${userOid('d.oid')} AND ${userSchema('n')}
  UNION ALL
  SELECT 'domain-check', 'pg_catalog.pg_constraint'::pg_catalog.regclass, c.oid, n.nspname, t.typname, c.conname, 0, 0, c.contypid
    FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_type t ON t.oid = c.contypid JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
   WHERE c.contype = 'c' AND ${userOid('c.oid')} AND ${userSchema('n')}
  UNION ALL
  SELECT 'domain-default', 'pg_catalog.pg_type'::pg_catalog.regclass, t.oid, n.nspname, t.typname, '', 0, 0, t.typbasetype
    FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
   WHERE t.typtype = 'd' AND t.typdefaultbin IS NOT NULL AND ${userOid('t.oid')} AND ${userSchema('n')}`;

const SQL = `
WITH o AS (${owners}),
d AS (SELECT o.owner_kind, o.schema AS oschema, o.tname, o.name AS oname, dep.refclassid, dep.refobjid, dep.refobjsubid
        FROM pg_catalog.pg_depend dep JOIN o ON o.objid = dep.objid AND o.classid = dep.classid
       WHERE dep.deptype IN ('n', 'a') AND ${userOid('dep.objid')}
         AND NOT (dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dep.refobjid = o.rel AND dep.refobjsubid IN (0, o.self_att))
         AND NOT (dep.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND dep.refobjid = o.self_type))
SELECT d.owner_kind, d.oschema, d.tname, d.oname, 'column' AS kind, rn.nspname AS schema, rc.relname AS name, ra.attname AS column, NULL AS args
  FROM d
  JOIN pg_catalog.pg_class rc ON rc.oid = d.refobjid
  JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
  JOIN pg_catalog.pg_attribute ra ON ra.attrelid = rc.oid AND ra.attnum = d.refobjsubid
 WHERE d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjsubid > 0 AND ${userSchema('rn')}
UNION ALL
SELECT d.owner_kind, d.oschema, d.tname, d.oname, 'type', tn.nspname, t.typname, NULL, NULL
  FROM d
  JOIN pg_catalog.pg_type t ON t.oid = d.refobjid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
 WHERE d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND ${userSchema('tn')}
UNION ALL
SELECT d.owner_kind, d.oschema, d.tname, d.oname, 'routine', pn.nspname, p.proname, NULL, pg_catalog.oidvectortypes(p.proargtypes)
  FROM d
  JOIN pg_catalog.pg_proc p ON p.oid = d.refobjid
  JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
 WHERE d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND ${userSchema('pn')}
UNION ALL
SELECT d.owner_kind, d.oschema, d.tname, d.oname, 'text-search-configuration', cn.nspname, cfg.cfgname, NULL, NULL
  FROM d
  JOIN pg_catalog.pg_ts_config cfg ON cfg.oid = d.refobjid
  JOIN pg_catalog.pg_namespace cn ON cn.oid = cfg.cfgnamespace
 WHERE d.refclassid = 'pg_catalog.pg_ts_config'::pg_catalog.regclass AND ${userSchema('cn')}`;

interface Row {
  owner_kind: ExpressionOwner['kind'];
  oschema: string;
  tname: string;
  oname: string;
  kind: 'column' | 'type' | 'routine' | 'text-search-configuration';
  schema: string;
  name: string;
  column: string | null;
  args: string | null;
}

function ownerOf(r: Row): ExpressionOwner {
  switch (r.owner_kind) {
    case 'index':
      return { kind: 'index', schema: r.oschema, name: r.oname };
    case 'default':
    case 'generated':
      return { kind: r.owner_kind, schema: r.oschema, table: r.tname, column: r.oname };
    case 'domain-check':
      return { kind: 'domain-check', schema: r.oschema, domain: r.tname, name: r.oname };
    case 'domain-default':
      return { kind: 'domain-default', schema: r.oschema, domain: r.tname };
    default:
      return { kind: r.owner_kind, schema: r.oschema, table: r.tname, name: r.oname };
  }
}

function dependencyOf(r: Row): Dependency {
  if (r.kind === 'routine') return { kind: 'routine', schema: r.schema, name: r.name, args: r.args ?? '' };
  if (r.kind === 'type' || r.kind === 'text-search-configuration') return { kind: r.kind, schema: r.schema, name: r.name };
  return { kind: 'column', schema: r.schema, table: r.name, name: r.column! };
}

/** Every table expression's dependencies on user columns, types and routines, in one query (deduplicated, sorted). */
export async function introspectExpressionUses(db: Db): Promise<ExpressionUse[]> {
  const byOwner = new Map<string, { owner: ExpressionOwner; deps: Map<string, Dependency> }>();
  for (const r of await db.query<Row>(SQL)) {
    const owner = ownerOf(r);
    const k = JSON.stringify(owner);
    let entry = byOwner.get(k);
    if (!entry) byOwner.set(k, (entry = { owner, deps: new Map() }));
    const d = dependencyOf(r);
    entry.deps.set(JSON.stringify(d), d);
  }
  return [...byOwner.values()].map((e) => ({ owner: e.owner, dependsOn: [...e.deps.keys()].sort().map((x) => e.deps.get(x)!) }));
}
