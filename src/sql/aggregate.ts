import { defaultFinalModify, type Aggregate, type AggregateFinal, type AggregateKind } from '../model';
import { ident, literal, qualified } from './quote';

/** `schema.name(args)`, how DROP and COMMENT name one aggregate (`(*)` for one without arguments). */
export const aggregateSignature = (a: Pick<Aggregate, 'schema' | 'name' | 'args'>): string => `${qualified(a.schema, a.name)}(${a.args})`;

const MODIFY = { 'read-only': 'READ_ONLY', shareable: 'SHAREABLE', 'read-write': 'READ_WRITE' } as const;

/** FINALFUNC (or MFINALFUNC, `prefix` M) with EXTRA and MODIFY when they differ from the defaults. */
function finalOptions(f: AggregateFinal | null, prefix: '' | 'M', kind: AggregateKind): string[] {
  if (f === null) return [];
  return [
    `${prefix}FINALFUNC = ${f.function}`,
    ...(f.extra ? [`${prefix}FINALFUNC_EXTRA`] : []),
    ...(f.modify !== defaultFinalModify(kind) ? [`${prefix}FINALFUNC_MODIFY = ${MODIFY[f.modify]}`] : []),
  ];
}

/**
 * `CREATE [OR REPLACE] AGGREGATE schema.name (args) (SFUNC = …, STYPE = …, …)`. Every option that differs
 * from Postgres' default is stated, so OR REPLACE (which resets the unstated ones) gives exactly this aggregate.
 */
export function createAggregateSql(a: Aggregate, orReplace = false): string {
  const opts = [`SFUNC = ${a.sfunc}`, `STYPE = ${a.stype}`];
  if (a.sspace !== 0) opts.push(`SSPACE = ${a.sspace}`);
  opts.push(...finalOptions(a.final, '', a.aggregateKind));
  if (a.combinefunc !== null) opts.push(`COMBINEFUNC = ${a.combinefunc}`);
  if (a.serialfunc !== null) opts.push(`SERIALFUNC = ${a.serialfunc}`);
  if (a.deserialfunc !== null) opts.push(`DESERIALFUNC = ${a.deserialfunc}`);
  if (a.initcond !== null) opts.push(`INITCOND = ${literal(a.initcond)}`);
  const m = a.moving;
  if (m !== null) {
    opts.push(`MSFUNC = ${m.sfunc}`, `MINVFUNC = ${m.invfunc}`, `MSTYPE = ${m.stype}`);
    if (m.sspace !== 0) opts.push(`MSSPACE = ${m.sspace}`);
    opts.push(...finalOptions(m.final, 'M', a.aggregateKind));
    if (m.initcond !== null) opts.push(`MINITCOND = ${literal(m.initcond)}`);
  }
  if (a.sortop !== null) opts.push(`SORTOP = ${a.sortop}`);
  if (a.parallel !== 'unsafe') opts.push(`PARALLEL = ${a.parallel.toUpperCase()}`);
  if (a.aggregateKind === 'hypothetical') opts.push('HYPOTHETICAL');
  return `CREATE ${orReplace ? 'OR REPLACE ' : ''}AGGREGATE ${aggregateSignature(a)} (\n  ${opts.join(',\n  ')}\n)`;
}

/** `ALTER AGGREGATE schema.name(args) RENAME TO to`. */
export function renameAggregateSql(a: Pick<Aggregate, 'schema' | 'name' | 'args'>, to: string): string {
  return `ALTER AGGREGATE ${aggregateSignature(a)} RENAME TO ${ident(to)}`;
}

/** `DROP AGGREGATE schema.name(args)`. */
export function dropAggregateSql(a: Pick<Aggregate, 'schema' | 'name' | 'args'>): string {
  return `DROP AGGREGATE ${aggregateSignature(a)}`;
}
