import { column, type ColumnBuilder } from './column';
import type { EnumDecl } from './enum';
import type { TypeDecl } from './type-decls';
import type { JsonValue } from './sql-fragment';

/** A date/time default: an ISO string or a `Date` (rendered as an ISO literal). */
export type DateTimeValue = string | Date;

const withLength = (name: string, ...mods: (number | undefined)[]): string => {
  const given = mods.filter((m): m is number => m !== undefined);
  return given.length === 0 ? name : `${name}(${given.join(',')})`;
};

/**
 * Column types: `c.uuid()`, `c.varchar(255)`, `c.numeric(12, 2)`, `c.enum(tier)`, … and `c.type('citext')`
 * for anything else. Each returns a column builder; the type is recorded as written.
 */
export const c = {
  /** `smallint` (2 bytes). */
  smallint: (): ColumnBuilder<number> => column('smallint'),
  /** `integer` (4 bytes). */
  integer: (): ColumnBuilder<number> => column('integer'),
  /** `bigint` (8 bytes); defaults may be given as number, bigint or string. */
  bigint: (): ColumnBuilder<number | bigint | string> => column('bigint'),
  /** `smallserial`: smallint with a default from an owned sequence (implies NOT NULL). */
  smallserial: (): ColumnBuilder<never> => column('smallserial', { serial: true }),
  /** `serial`: integer with a default from an owned sequence (implies NOT NULL). */
  serial: (): ColumnBuilder<never> => column('serial', { serial: true }),
  /** `bigserial`: bigint with a default from an owned sequence (implies NOT NULL). */
  bigserial: (): ColumnBuilder<never> => column('bigserial', { serial: true }),
  /** `numeric`, `numeric(precision)` or `numeric(precision,scale)`. */
  numeric: (precision?: number, scale?: number): ColumnBuilder<number | string> => column(withLength('numeric', precision, scale)),
  /** `real` (4-byte float). */
  real: (): ColumnBuilder<number> => column('real'),
  /** `double precision` (8-byte float). */
  doublePrecision: (): ColumnBuilder<number> => column('double precision'),
  /** `text`. */
  text: (): ColumnBuilder<string> => column('text'),
  /** `varchar(length)`, or unbounded `varchar`. */
  varchar: (length?: number): ColumnBuilder<string> => column(withLength('varchar', length)),
  /** `char(length)` (blank-padded; `char` alone means `char(1)`). */
  char: (length?: number): ColumnBuilder<string> => column(withLength('char', length)),
  /** `boolean`. */
  boolean: (): ColumnBuilder<boolean> => column('boolean'),
  /** `date`. */
  date: (): ColumnBuilder<DateTimeValue> => column('date'),
  /** `time [(precision)]` without time zone. */
  time: (precision?: number): ColumnBuilder<string> => column(withLength('time', precision)),
  /** `timetz [(precision)]` (time with time zone). */
  timetz: (precision?: number): ColumnBuilder<string> => column(withLength('timetz', precision)),
  /** `timestamp [(precision)]` without time zone. */
  timestamp: (precision?: number): ColumnBuilder<DateTimeValue> => column(withLength('timestamp', precision)),
  /** `timestamptz [(precision)]` (timestamp with time zone). */
  timestamptz: (precision?: number): ColumnBuilder<DateTimeValue> => column(withLength('timestamptz', precision)),
  /** `interval`. */
  interval: (): ColumnBuilder<string> => column('interval'),
  /** `uuid`. */
  uuid: (): ColumnBuilder<string> => column('uuid'),
  /** `json`; defaults are JavaScript values rendered as JSON text. */
  json: (): ColumnBuilder<JsonValue> => column('json', { valueStyle: 'json' }),
  /** `jsonb`; defaults are JavaScript values rendered as JSON text: `.default({})`. */
  jsonb: (): ColumnBuilder<JsonValue> => column('jsonb', { valueStyle: 'json' }),
  /** `bytea`; defaults as `Uint8Array` or hex text (`'\\x00ff'`). */
  bytea: (): ColumnBuilder<Uint8Array | string> => column('bytea'),
  /** `inet` (host address with optional netmask). */
  inet: (): ColumnBuilder<string> => column('inet'),
  /** `cidr` (network address). */
  cidr: (): ColumnBuilder<string> => column('cidr'),
  /** A declared enum type; defaults must be one of its labels. */
  enum: <V extends string>(type: EnumDecl<V>): ColumnBuilder<V> => column(type.toSqlFragment().text, { enumDecl: type }),
  /** Any other SQL type, as written: `c.type('citext')`, `c.type<string>('public.email_address')`, or a declared domain or composite type. */
  type: <T = unknown>(sqlType: string | TypeDecl): ColumnBuilder<T> =>
    typeof sqlType === 'string' ? column(sqlType) : column(sqlType.toSqlFragment().text, { typeDecl: sqlType }),
} as const;
