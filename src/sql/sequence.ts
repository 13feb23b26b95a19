import type { Sequence, SequenceOptions, SequenceType } from '../model';
import { ident, literal, qualified } from './quote';

const typeBounds: Readonly<Record<SequenceType, readonly [string, string]>> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};

/** The options Postgres chooses for what `CREATE SEQUENCE … AS type INCREMENT BY increment` leaves out. */
export function defaultSequenceOptions(type: SequenceType, increment = '1'): SequenceOptions {
  const [lo, hi] = typeBounds[type];
  const up = !increment.startsWith('-');
  const min = up ? '1' : lo;
  const max = up ? hi : '-1';
  return { type, start: up ? min : max, increment, min, max, cache: '1', cycle: false };
}

type OptionName = keyof SequenceOptions;
const optionOrder: readonly OptionName[] = ['type', 'increment', 'min', 'max', 'start', 'cache', 'cycle'];

/** One sequence option clause (`AS integer`, `INCREMENT BY 5`, `NO CYCLE`…). */
function optionSql(o: SequenceOptions, name: OptionName): string {
  switch (name) {
    case 'type':
      return `AS ${o.type}`;
    case 'increment':
      return `INCREMENT BY ${o.increment}`;
    case 'min':
      return `MINVALUE ${o.min}`;
    case 'max':
      return `MAXVALUE ${o.max}`;
    case 'start':
      return `START WITH ${o.start}`;
    case 'cache':
      return `CACHE ${o.cache}`;
    case 'cycle':
      return o.cycle ? 'CYCLE' : 'NO CYCLE';
  }
}

/** The option names whose values differ between two option sets, in clause order. */
export function changedSequenceOptions(a: SequenceOptions, b: SequenceOptions): OptionName[] {
  return optionOrder.filter((k) => a[k] !== b[k]);
}

/**
 * The option clauses of `o` that differ from what Postgres would choose by itself (`base`: the defaults for
 * its type and increment; `AS` when not bigint), so a plain sequence reads `CREATE SEQUENCE s`, not seven clauses.
 */
export function sequenceOptionClauses(
  o: SequenceOptions,
  base: SequenceOptions = defaultSequenceOptions(o.type, o.increment),
  names: readonly OptionName[] = optionOrder,
): string[] {
  const differs = (k: OptionName) => (k === 'type' ? o.type !== 'bigint' : k === 'increment' ? o.increment !== '1' : o[k] !== base[k]);
  return names.filter(differs).map((k) => optionSql(o, k));
}

/** `CREATE SEQUENCE s.name [AS type] [options…]` (ownership is set apart, after the owning table exists). */
export function createSequenceSql(s: Sequence): string {
  return [`CREATE SEQUENCE ${qualified(s.schema, s.name)}`, ...sequenceOptionClauses(s)].join(' ');
}

/** `ALTER SEQUENCE s.name <the options that differ between from and to, as in to>`. */
export function alterSequenceOptionsSql(schema: string, name: string, from: SequenceOptions, to: SequenceOptions): string {
  return [`ALTER SEQUENCE ${qualified(schema, name)}`, ...changedSequenceOptions(from, to).map((k) => optionSql(to, k))].join(' ');
}

/**
 * `ALTER SEQUENCE s.name AS to MAXVALUE …`: the owned sequence of a serial column whose integer type changes
 * (`serial` → `bigserial`), with the bounds serial gives a sequence of the new type, so the column stays a serial.
 */
export function alterSerialSequenceTypeSql(schema: string, name: string, from: SequenceType, to: SequenceType): string {
  return alterSequenceOptionsSql(schema, name, defaultSequenceOptions(from), defaultSequenceOptions(to));
}

/**
 * True when a never-called sequence would stop `ALTER … MINVALUE/MAXVALUE` from `from` to `to`: it still sits at
 * its old START, outside the new bounds ("RESTART value cannot be less than MINVALUE"), and the new START is
 * within the old bounds, where `setval` may first move it (parkUnusedSequenceSql).
 */
export function parksUnusedSequence(from: SequenceOptions, to: SequenceOptions): boolean {
  const within = (v: string, o: SequenceOptions) => BigInt(v) >= BigInt(o.min) && BigInt(v) <= BigInt(o.max);
  return !within(from.start, to) && within(to.start, from);
}

/**
 * `SELECT setval(seq, start, false) … WHERE pg_sequence_last_value(seq) IS NULL`: moves a sequence nobody has
 * called yet to `start` (where a new one would be), and leaves a used one alone. `sequence` is SQL giving its
 * regclass (sequenceRegclassSql, identitySequenceRegclassSql).
 */
export function parkUnusedSequenceSql(sequence: string, start: string): string {
  return `SELECT pg_catalog.setval(s, ${BigInt(start).toString()}, false) FROM (SELECT ${sequence} AS s) q WHERE pg_catalog.pg_sequence_last_value(s) IS NULL`;
}

/** `'s.name'::regclass`. */
export const sequenceRegclassSql = (schema: string, name: string): string => `${literal(qualified(schema, name))}::regclass`;

/** The regclass of an identity column's sequence: `pg_get_serial_sequence('s.t', 'c')::regclass`. */
export const identitySequenceRegclassSql = (schema: string, table: string, column: string): string =>
  `pg_catalog.pg_get_serial_sequence(${literal(qualified(schema, table))}, ${literal(column)})::regclass`;

/** `ALTER SEQUENCE s.name OWNED BY s.table.column` or `OWNED BY NONE`. */
export function sequenceOwnedBySql(schema: string, name: string, ownedBy: Sequence['ownedBy']): string {
  const owner = ownedBy === null ? 'NONE' : `${qualified(schema, ownedBy.table)}.${ident(ownedBy.column)}`;
  return `ALTER SEQUENCE ${qualified(schema, name)} OWNED BY ${owner}`;
}

/** `ALTER SEQUENCE s.from RENAME TO to`. */
export function renameSequenceSql(schema: string, from: string, to: string): string {
  return `ALTER SEQUENCE ${qualified(schema, from)} RENAME TO ${ident(to)}`;
}

/** The `SET …` clauses that change an identity column's sequence options (`AS` is the column's type). */
export function identityOptionsSetSql(from: SequenceOptions, to: SequenceOptions): string[] {
  return changedSequenceOptions(from, to)
    .filter((k) => k !== 'type')
    .map((k) => `SET ${optionSql(to, k)}`);
}

/** ` (START WITH 100 …)` after `GENERATED … AS IDENTITY` when the options are not the defaults for the column type. */
export function identityOptionsClause(o: SequenceOptions | null): string {
  if (o === null) return '';
  const clauses = sequenceOptionClauses(o).filter((c) => !c.startsWith('AS '));
  return clauses.length === 0 ? '' : ` (${clauses.join(' ')})`;
}
