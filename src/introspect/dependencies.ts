import type { Dependency } from '../model';
import type { Db } from '../db';
import { userSchema, userOid } from './sql-fragments';

/**
 * What views (through their rewrite rule, owner `ev_class`), rules (their own table left out, not its columns), routines (owner: the pg_proc row) and triggers
 * (their own function left out) depend on, from pg_depend with deptype 'n': relations and their columns, types and routines of
 * user schemas. A rule's dependency on its own view is left out.
 */
const owners = `
  SELECT 'view' AS owner_kind, r.oid AS objid, r.ev_class AS owner, 'pg_catalog.pg_rewrite'::pg_catalog.regclass AS classid,
         0::pg_catalog.oid AS self
    FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('v', 'm') AND r.rulename = '_RETURN' AND ${userOid('r.oid')} AND ${userSchema('n')}
  UNION ALL
  SELECT 'rule', r.oid, r.oid, 'pg_catalog.pg_rewrite'::pg_catalog.regclass, r.ev_class
    FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE r.rulename <> '_RETURN' AND ${userOid('r.oid')} AND ${userSchema('n')}
  UNION ALL
  SELECT 'routine', p.oid, p.oid, 'pg_catalog.pg_proc'::pg_catalog.regclass, 0::pg_catalog.oid
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
   WHERE p.prokind IN ('f', 'p') AND ${userOid('p.oid')} AND ${userSchema('n')}
  UNION ALL
  SELECT 'trigger', t.oid, t.oid, 'pg_catalog.pg_trigger'::pg_catalog.regclass, t.tgfoid
    FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE NOT t.tgisinternal AND ${userOid('t.oid')} AND ${userSchema('n')}`;

const SQL = `
WITH o AS (${owners}),
d AS (SELECT o.owner_kind, o.owner, dep.refclassid, dep.refobjid, dep.refobjsubid
        FROM pg_catalog.pg_depend dep JOIN o ON o.objid = dep.objid AND o.classid = dep.classid
       WHERE dep.deptype = 'n' AND ${userOid('dep.objid')} AND dep.refobjid <> o.owner AND NOT (dep.refobjid = o.self AND dep.refobjsubid = 0))
SELECT d.owner_kind, d.owner, 'relation' AS kind, rn.nspname AS schema, rc.relname AS name, ra.attname AS column, NULL AS args
  FROM d
  JOIN pg_catalog.pg_class rc ON rc.oid = d.refobjid
  JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
  LEFT JOIN pg_catalog.pg_attribute ra ON ra.attrelid = rc.oid AND ra.attnum = d.refobjsubid AND d.refobjsubid > 0
 WHERE d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND ${userSchema('rn')}
UNION ALL
SELECT d.owner_kind, d.owner, 'type', tn.nspname, t.typname, NULL, NULL
  FROM d
  JOIN pg_catalog.pg_type t ON t.oid = d.refobjid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
 WHERE d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND ${userSchema('tn')}
UNION ALL
SELECT d.owner_kind, d.owner, 'routine', pn.nspname, p.proname, NULL, pg_catalog.oidvectortypes(p.proargtypes)
  FROM d
  JOIN pg_catalog.pg_proc p ON p.oid = d.refobjid
  JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
 WHERE d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND ${userSchema('pn')}
UNION ALL
SELECT d.owner_kind, d.owner, 'text-search-configuration', cn.nspname, cfg.cfgname, NULL, NULL
  FROM d
  JOIN pg_catalog.pg_ts_config cfg ON cfg.oid = d.refobjid
  JOIN pg_catalog.pg_namespace cn ON cn.oid = cfg.cfgnamespace
 WHERE d.refclassid = 'pg_catalog.pg_ts_config'::pg_catalog.regclass AND ${userSchema('cn')}`;

interface Row {
  owner_kind: 'view' | 'routine' | 'trigger' | 'rule';
  owner: number;
  kind: 'relation' | 'type' | 'routine' | 'text-search-configuration';
  schema: string;
  name: string;
  column: string | null;
  args: string | null;
}

function toDependency(r: Row): Dependency {
  if (r.kind === 'routine') return { kind: 'routine', schema: r.schema, name: r.name, args: r.args ?? '' };
  if (r.kind === 'type' || r.kind === 'text-search-configuration') return { kind: r.kind, schema: r.schema, name: r.name };
  return r.column !== null ? { kind: 'column', schema: r.schema, table: r.name, name: r.column } : { kind: 'relation', schema: r.schema, name: r.name };
}

const sortKey = (d: Dependency) => JSON.stringify([d.kind, d.schema, 'table' in d ? d.table : '', d.name, 'args' in d ? d.args : '']);

/** Dependencies by owner (view, routine or trigger OID), deduplicated and sorted so equal databases give equal data. */
export interface Dependencies {
  readonly views: ReadonlyMap<number, readonly Dependency[]>;
  readonly routines: ReadonlyMap<number, readonly Dependency[]>;
  /** Columns, routines and types a trigger's UPDATE OF list and WHEN condition read (its table and function are fields of its own). */
  readonly triggers: ReadonlyMap<number, readonly Dependency[]>;
  /** What a rule's condition and actions read, its own table's columns included (by rule OID). */
  readonly rules: ReadonlyMap<number, readonly Dependency[]>;
}

/** Reads every view's and routine's dependencies in one query. */
export async function readDependencies(db: Db): Promise<Dependencies> {
  const raw = {
    view: new Map<number, Map<string, Dependency>>(),
    routine: new Map<number, Map<string, Dependency>>(),
    trigger: new Map<number, Map<string, Dependency>>(),
    rule: new Map<number, Map<string, Dependency>>(),
  };
  for (const r of await db.query<Row>(SQL)) {
    const m = raw[r.owner_kind];
    const owner = Number(r.owner);
    let deps = m.get(owner);
    if (!deps) m.set(owner, (deps = new Map()));
    const d = toDependency(r);
    // A trigger's own table is a field of the trigger (a WHEN condition reads no other relation; its function is left out above).
    if (r.owner_kind === 'trigger' && d.kind === 'relation') continue;
    deps.set(sortKey(d), d);
  }
  const sorted = (m: Map<number, Map<string, Dependency>>) =>
    new Map([...m].map(([k, deps]) => [k, [...deps.keys()].sort().map((x) => deps.get(x)!)] as const));
  return { views: sorted(raw.view), routines: sorted(raw.routine), triggers: sorted(raw.trigger), rules: sorted(raw.rule) };
}
