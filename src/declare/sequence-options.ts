import type { SequenceOptions, SequenceType } from '../model';
import { defaultSequenceOptions } from '../sql';

/** Sequence options as declared; numbers may be given as number, bigint or decimal string. Unset ones take Postgres's defaults. */
export interface SequenceOptionsSpec {
  readonly start?: number | bigint | string;
  readonly increment?: number | bigint | string;
  readonly minValue?: number | bigint | string;
  readonly maxValue?: number | bigint | string;
  readonly cache?: number | bigint | string;
  readonly cycle?: boolean;
}

const integerTypes: Readonly<Record<string, SequenceType>> = {
  smallint: 'smallint',
  int2: 'smallint',
  integer: 'integer',
  int: 'integer',
  int4: 'integer',
  bigint: 'bigint',
  int8: 'bigint',
};

/** The sequence type of an integer type name as written (`int8` → bigint), or null for other types. */
export function sequenceTypeOf(type: string): SequenceType | null {
  return integerTypes[type.trim().toLowerCase()] ?? null;
}

/**
 * Full options from a declared spec, with the defaults Postgres chooses for the type and increment (a
 * descending sequence starts at its maximum), so the declared model compares equal to the introspected one.
 */
export function resolveSequenceOptions(type: SequenceType, spec: SequenceOptionsSpec): SequenceOptions {
  const str = (v: number | bigint | string | undefined) => (v === undefined ? undefined : String(v));
  const increment = str(spec.increment) ?? '1';
  const d = defaultSequenceOptions(type, increment);
  const min = str(spec.minValue) ?? d.min;
  const max = str(spec.maxValue) ?? d.max;
  const up = !increment.startsWith('-');
  return { type, increment, min, max, start: str(spec.start) ?? (up ? min : max), cache: str(spec.cache) ?? '1', cycle: spec.cycle ?? false };
}
