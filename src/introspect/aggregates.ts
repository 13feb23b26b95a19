import type { Db } from '../db';
import type { Aggregate, AggregateFinal, AggregateKind, Dependency, FinalModify, Parallel } from '../model';
import { SchemakitError } from '../util';
import { commentJoin, userObject, userSchema, userOid } from './sql-fragments';

/** A function OID of pg_aggregate as regproc prints it (qualified unless pg_catalog), null for none (0). */
const fn = (col: string) => `CASE WHEN a.${col}::pg_catalog.oid <> 0 THEN a.${col}::pg_catalog.regproc::pg_catalog.text END`;

/** User aggregates with every pg_aggregate option; functions by regproc, types by format_type. */
const SQL = `
SELECT p.oid, n.nspname AS schema, p.proname AS name, pg_catalog.oidvectortypes(p.proargtypes) AS identity_args,
       pg_catalog.pg_get_function_arguments(p.oid) AS args, a.aggkind AS agg_kind, p.proparallel AS parallel,
       ${fn('aggtransfn')} AS sfunc, pg_catalog.format_type(a.aggtranstype, NULL) AS stype, a.aggtransspace AS sspace,
       ${fn('aggfinalfn')} AS finalfunc, a.aggfinalextra AS final_extra, a.aggfinalmodify AS final_modify,
       ${fn('aggcombinefn')} AS combinefunc, ${fn('aggserialfn')} AS serialfunc, ${fn('aggdeserialfn')} AS deserialfunc,
       a.agginitval AS initcond,
       ${fn('aggmtransfn')} AS msfunc, ${fn('aggminvtransfn')} AS minvfunc,
       CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END AS mstype, a.aggmtransspace AS msspace,
       ${fn('aggmfinalfn')} AS mfinalfunc, a.aggmfinalextra AS mfinal_extra, a.aggmfinalmodify AS mfinal_modify,
       a.aggminitval AS minitcond,
       CASE WHEN a.aggsortop <> 0 THEN 'OPERATOR(' || pg_catalog.quote_ident(opn.nspname) || '.' || op.oprname || ')' END AS sortop,
       d.description AS comment
  FROM pg_catalog.pg_aggregate a
  JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  LEFT JOIN pg_catalog.pg_operator op ON op.oid = a.aggsortop
  LEFT JOIN pg_catalog.pg_namespace opn ON opn.oid = op.oprnamespace
  ${commentJoin('d', 'pg_proc', 'p.oid')}
 WHERE ${userSchema('n')} AND ${userObject('pg_proc', 'p.oid')}`;

/** What each aggregate uses (support functions, state types) in user schemas, from pg_depend. */
const DEPS_SQL = `
SELECT dep.objid AS owner, CASE WHEN dep.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass THEN 'routine' ELSE 'type' END AS kind,
       COALESCE(rp.nspname, tn.nspname) AS schema, COALESCE(r.proname, t.typname) AS name,
       CASE WHEN r.oid IS NOT NULL THEN pg_catalog.oidvectortypes(r.proargtypes) END AS args
  FROM pg_catalog.pg_depend dep
  JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = dep.objid
  LEFT JOIN pg_catalog.pg_proc r ON dep.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND r.oid = dep.refobjid
  LEFT JOIN pg_catalog.pg_namespace rp ON rp.oid = r.pronamespace
  LEFT JOIN pg_catalog.pg_type t ON dep.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND t.oid = dep.refobjid
  LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
 WHERE dep.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND dep.deptype = 'n' AND ${userOid('dep.objid')}
   AND (rp.nspname IS NOT NULL AND ${userSchema('rp')} OR tn.nspname IS NOT NULL AND ${userSchema('tn')})`;

interface Row {
  oid: number;
  schema: string;
  name: string;
  identity_args: string;
  args: string;
  agg_kind: string;
  parallel: string;
  sfunc: string;
  stype: string;
  sspace: number;
  finalfunc: string | null;
  final_extra: boolean;
  final_modify: string;
  combinefunc: string | null;
  serialfunc: string | null;
  deserialfunc: string | null;
  initcond: string | null;
  msfunc: string | null;
  minvfunc: string | null;
  mstype: string | null;
  msspace: number;
  mfinalfunc: string | null;
  mfinal_extra: boolean;
  mfinal_modify: string;
  minitcond: string | null;
  sortop: string | null;
  comment: string | null;
}

const kinds: Readonly<Record<string, AggregateKind>> = { n: 'normal', o: 'ordered-set', h: 'hypothetical' };
const modifies: Readonly<Record<string, FinalModify>> = { r: 'read-only', s: 'shareable', w: 'read-write' };
const parallels: Readonly<Record<string, Parallel>> = { s: 'safe', r: 'restricted', u: 'unsafe' };

const final = (f: string | null, extra: boolean, modify: string): AggregateFinal | null =>
  f === null ? null : { function: f, extra, modify: modifies[modify] ?? 'read-only' };

/** Aggregates of user schemas (`CREATE AGGREGATE`), with what they use from pg_depend. */
export async function introspectAggregates(db: Db): Promise<Aggregate[]> {
  const deps = new Map<number, Dependency[]>();
  for (const d of await db.query<{ owner: number; kind: 'routine' | 'type'; schema: string; name: string; args: string | null }>(DEPS_SQL)) {
    const list = deps.get(Number(d.owner)) ?? [];
    list.push(
      d.kind === 'routine' ? { kind: 'routine', schema: d.schema, name: d.name, args: d.args ?? '' } : { kind: 'type', schema: d.schema, name: d.name },
    );
    deps.set(Number(d.owner), list);
  }
  const rows = await db.query<Row>(SQL);
  return rows.map((r) => {
    const aggregateKind = kinds[r.agg_kind];
    const parallel = parallels[r.parallel];
    if (!aggregateKind || !parallel) {
      throw new SchemakitError('introspect', 'unknown-aggregate-attribute', `${r.schema}.${r.name}(${r.identity_args}): aggkind '${r.agg_kind}'`);
    }
    const dependsOn = (deps.get(Number(r.oid)) ?? []).map((d) => [JSON.stringify(d), d] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      kind: 'Aggregate',
      schema: r.schema,
      name: r.name,
      identityArgs: r.identity_args,
      args: r.args === '' ? '*' : r.args,
      aggregateKind,
      sfunc: r.sfunc,
      stype: r.stype,
      sspace: Number(r.sspace),
      final: final(r.finalfunc, r.final_extra, r.final_modify),
      combinefunc: r.combinefunc,
      serialfunc: r.serialfunc,
      deserialfunc: r.deserialfunc,
      initcond: r.initcond,
      moving:
        r.msfunc === null || r.minvfunc === null || r.mstype === null
          ? null
          : {
              sfunc: r.msfunc,
              invfunc: r.minvfunc,
              stype: r.mstype,
              sspace: Number(r.msspace),
              final: final(r.mfinalfunc, r.mfinal_extra, r.mfinal_modify),
              initcond: r.minitcond,
            },
      sortop: r.sortop,
      parallel,
      dependsOn: [...new Map(dependsOn).values()],
      comment: r.comment,
    };
  });
}
