import type { Parallel, Routine, Volatility } from '../model';
import type { Db } from '../db';
import { SchemakitError } from '../util';
import type { Dependencies } from './dependencies';
import { commentJoin, userObject, notTypeMember, userSchema } from './sql-fragments';

/**
 * Functions and procedures of user schemas (not aggregates or window functions). The argument list and
 * result are printed by Postgres (`pg_get_function_arguments`, `pg_get_function_result`), the body is
 * `prosrc` as written, or for a SQL-standard body (`BEGIN ATOMIC`, PostgreSQL 14+) its deparsed text.
 */
const SQL = `
SELECT p.oid, n.nspname AS schema, p.proname AS name, pg_catalog.oidvectortypes(p.proargtypes) AS identity_args,
       p.prokind = 'p' AS procedure, pg_catalog.pg_get_function_arguments(p.oid) AS args,
       CASE WHEN p.prokind <> 'p' THEN pg_catalog.pg_get_function_result(p.oid) END AS returns,
       l.lanname AS language, p.prosrc AS source,
       CASE WHEN p.prosqlbody IS NOT NULL THEN pg_catalog.pg_get_function_sqlbody(p.oid) END AS sql_body,
       p.provolatile AS volatility, p.proisstrict AS strict, p.prosecdef AS security_definer,
       p.proleakproof AS leakproof, p.proparallel AS parallel, p.procost AS cost, p.prorows AS rows, p.proretset AS retset,
       p.proconfig AS config, d.description AS comment
  FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_catalog.pg_language l ON l.oid = p.prolang
  ${commentJoin('d', 'pg_proc', 'p.oid')}
 WHERE p.prokind IN ('f', 'p') AND ${userSchema('n')} AND ${userObject('pg_proc', 'p.oid')} AND ${notTypeMember('p.oid')}`;

interface Row {
  oid: number;
  schema: string;
  name: string;
  identity_args: string;
  procedure: boolean;
  args: string;
  returns: string | null;
  language: string;
  source: string;
  sql_body: string | null;
  volatility: string;
  strict: boolean;
  security_definer: boolean;
  leakproof: boolean;
  parallel: string;
  cost: number | string;
  rows: number | string;
  retset: boolean;
  config: string[] | null;
  comment: string | null;
}

const volatilities: Record<string, Volatility> = { i: 'immutable', s: 'stable', v: 'volatile' };
const parallels: Record<string, Parallel> = { s: 'safe', r: 'restricted', u: 'unsafe' };

function toRoutine(r: Row, deps: Dependencies): Routine {
  const volatility = volatilities[r.volatility];
  const parallel = parallels[r.parallel];
  if (!volatility || !parallel) {
    throw new SchemakitError(
      'introspect',
      'unknown-routine-attribute',
      `${r.schema}.${r.name}(${r.identity_args}): provolatile '${r.volatility}', proparallel '${r.parallel}'`,
    );
  }
  return {
    kind: 'Routine',
    schema: r.schema,
    name: r.name,
    identityArgs: r.identity_args,
    procedure: r.procedure,
    args: r.args,
    returns: r.returns ?? null,
    language: r.language,
    body: r.sql_body ?? r.source,
    atomic: r.sql_body !== null,
    volatility,
    strict: r.strict,
    securityDefiner: r.security_definer,
    leakproof: r.leakproof,
    parallel,
    cost: Number(r.cost),
    rows: r.retset ? Number(r.rows) : null,
    config: r.config ?? [],
    dependsOn: deps.routines.get(Number(r.oid)) ?? [],
    comment: r.comment ?? null,
  };
}

/** Functions and procedures, one query. */
export async function introspectRoutines(db: Db, deps: Dependencies): Promise<Routine[]> {
  return (await db.query<Row>(SQL)).map((r) => toRoutine(r, deps));
}
