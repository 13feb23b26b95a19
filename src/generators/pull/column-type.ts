import type { Imports } from './imports';
import { tsString } from './ts-text';

/** Builders of `c` taking no argument, by the type name `format_type()` prints. */
const PLAIN: Readonly<Record<string, string>> = {
  smallint: 'smallint',
  integer: 'integer',
  bigint: 'bigint',
  smallserial: 'smallserial',
  serial: 'serial',
  bigserial: 'bigserial',
  real: 'real',
  'double precision': 'doublePrecision',
  text: 'text',
  boolean: 'boolean',
  date: 'date',
  interval: 'interval',
  uuid: 'uuid',
  json: 'json',
  jsonb: 'jsonb',
  bytea: 'bytea',
  inet: 'inet',
  cidr: 'cidr',
  numeric: 'numeric',
  'character varying': 'varchar',
  'time without time zone': 'time',
  'time with time zone': 'timetz',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
};

/** Builders taking the type modifiers as arguments: `character varying(255)` → `varchar(255)`. */
const MODIFIED: readonly (readonly [RegExp, string])[] = [
  [/^numeric\((\d+),(\d+)\)$/, 'numeric'],
  [/^character varying\((\d+)\)$/, 'varchar'],
  [/^character\((\d+)\)$/, 'char'],
  [/^time\((\d+)\) without time zone$/, 'time'],
  [/^time\((\d+)\) with time zone$/, 'timetz'],
  [/^timestamp\((\d+)\) without time zone$/, 'timestamp'],
  [/^timestamp\((\d+)\) with time zone$/, 'timestamptz'],
];

/** A column type split into the element type and array dimensions (`format_type` prints one `[]` per array). */
export function splitArray(type: string): { base: string; dims: number } {
  let base = type;
  let dims = 0;
  while (base.endsWith('[]')) {
    base = base.slice(0, -2);
    dims++;
  }
  return { base, dims };
}

/**
 * The `c.…()` call that declares a column type as `format_type()` printed it: a named builder when there is
 * one (`c.varchar(255)`, `c.numeric(12, 2)`), `c.enum(x)` for a pulled enum, `c.type('…')` for anything else,
 * then `.array()` per dimension. `enumVar` finds the variable of an enum by its qualified SQL name.
 */
export function columnTypeCall(type: string, enumVar: (qualifiedType: string) => string | null, imports: Imports): string {
  const { base, dims } = splitArray(type);
  const c = imports.lib('c');
  let call: string | null = PLAIN[base] ? `${c}.${PLAIN[base]}()` : null;
  for (const [re, builder] of MODIFIED) {
    const m = call === null ? re.exec(base) : null;
    if (m)
      call = `${c}.${builder}(${m
        .slice(1)
        .filter((x, i) => !(builder === 'numeric' && i === 1 && x === '0'))
        .join(', ')})`;
  }
  if (call === null) {
    const e = enumVar(base);
    call = e !== null ? `${c}.enum(${e})` : `${c}.type(${tsString(base)})`;
  }
  return call + '.array()'.repeat(dims);
}
