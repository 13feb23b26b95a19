import type { Db } from '../db';
import { qualified } from '../sql';
import { must, SchemakitError, topoSort } from '../util';
import { num, systemSchemas } from './context';
import type { MaintenanceStep } from './maintenance';

const MATVIEWS = `
SELECT c.oid::int8 AS oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind, c.relispopulated AS populated,
       EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND i.indisvalid
                  AND i.indpred IS NULL AND i.indexprs IS NULL) AS unique_index,
       ARRAY(SELECT DISTINCT d.refobjid::int8 FROM pg_catalog.pg_rewrite r
               JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass
              WHERE r.ev_class = c.oid AND d.refobjid <> c.oid) AS reads
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('m', 'v') AND ${systemSchemas}
 ORDER BY n.nspname, c.relname`;

interface Rel {
  oid: number;
  schema: string;
  name: string;
  matview: boolean;
  populated: boolean;
  uniqueIndex: boolean;
  reads: number[];
}

/**
 * REFRESH MATERIALIZED VIEW statements for the named materialized views (all when none), those read by
 * others first (through plain views too); CONCURRENTLY when the view is populated and has a unique index
 * on plain columns without a predicate, which Postgres requires for it.
 */
export async function planRefresh(db: Db, names: readonly string[] = []): Promise<MaintenanceStep[]> {
  const rels: Rel[] = (await db.query<Record<string, unknown>>(MATVIEWS)).map((r) => ({
    oid: num(r.oid)!,
    schema: r.schema as string,
    name: r.name as string,
    matview: r.kind === 'm',
    populated: r.populated as boolean,
    uniqueIndex: r.unique_index as boolean,
    reads: (r.reads as unknown[]).map(Number),
  }));
  const byOid = new Map(rels.map((r) => [r.oid, r]));
  let chosen = rels.filter((r) => r.matview);
  if (names.length > 0) {
    const oids: number[] = [];
    for (const name of names) {
      const [row] = await db.query<{ oid: string | null }>('SELECT pg_catalog.to_regclass($1)::oid::int8 AS oid', [name]).catch(() => [{ oid: null }]);
      const rel = row?.oid == null ? undefined : byOid.get(Number(row.oid));
      if (!rel?.matview) throw new SchemakitError('health', 'unknown-matview', `no materialized view named ${name}`);
      oids.push(rel.oid);
    }
    chosen = chosen.filter((r) => oids.includes(r.oid));
  }
  // The materialized views each one reads, directly or through plain views.
  const matviewsRead = (r: Rel, seen = new Set<number>()): number[] =>
    r.reads.flatMap((oid) => {
      const dep = byOid.get(oid);
      if (!dep || seen.has(oid)) return [];
      seen.add(oid);
      return dep.matview ? [oid] : matviewsRead(dep, seen);
    });
  const index = new Map(chosen.map((r, i) => [r.oid, i]));
  const before = new Map(chosen.map((r, i) => [i, new Set(matviewsRead(r).flatMap((o) => (index.has(o) ? [index.get(o)!] : [])))]));
  return topoSort(chosen.length, before).map((i) => {
    const r = must(chosen[i], `materialized view ${i}`);
    const concurrently = r.populated && r.uniqueIndex;
    return {
      object: `${r.schema}.${r.name}`,
      sql: `REFRESH MATERIALIZED VIEW ${concurrently ? 'CONCURRENTLY ' : ''}${qualified(r.schema, r.name)}`,
      reason: concurrently
        ? 'concurrently: a unique index allows it'
        : r.populated
          ? 'blocking: no unique index on plain columns'
          : 'blocking: not populated yet',
    };
  });
}
