import { ident } from '../sql';
import { userTypeOf } from './graph-keys';

/** A column type as `format_type` prints it, taken apart: `character varying(20)[]`. */
interface ParsedType {
  readonly name: string;
  readonly mods: readonly number[] | null;
  readonly array: boolean;
}

function parseType(type: string): ParsedType {
  let t = type.trim();
  const array = t.endsWith('[]');
  t = t.replace(/(\[\])+$/, '');
  const m = /^(.*?)\(([\d,\s]+)\)(.*)$/.exec(t);
  if (!m) return { name: t.replace(/\s+/g, ' '), mods: null, array };
  const name = `${m[1]}${m[3]}`.replace(/\s+/g, ' ').trim();
  return { name, mods: m[2].split(',').map((x) => Number(x.trim())), array };
}

/** What changing a column's type costs and risks. */
export interface TypeChange {
  /** Postgres rewrites the table (not binary coercible). */
  readonly rewrite: boolean;
  /** Some existing values may not convert (narrowing, text → number, …). */
  readonly mayFail: boolean;
  /** USING expression for the conversion, or null when the implicit one is right. */
  readonly using: string | null;
}

const INT_RANK: Record<string, number> = { smallint: 1, integer: 2, bigint: 3 };
const TEXTUAL = new Set(['text', 'character varying']);
const FLOAT_RANK: Record<string, number> = { real: 1, 'double precision': 2 };
const TIMESTAMPS = new Set(['timestamp without time zone', 'timestamp with time zone']);
const PRECISION_TYPES = new Set(['timestamp without time zone', 'timestamp with time zone', 'time without time zone', 'time with time zone', 'interval']);

/**
 * True when the change needs no rewrite: Postgres treats it as binary coercible (varchar(n) → varchar(m ≥ n),
 * varchar → text, numeric(p,s) → numeric(p' ≥ p, s), more timestamp precision, cidr → inet …).
 */
function binaryCoercible(a: ParsedType, b: ParsedType): boolean {
  if (a.array !== b.array) return false;
  if (a.name === b.name) {
    if (b.mods === null) return a.name !== 'character'; // dropping a limit (char(n) → bpchar re-pads)
    if (a.mods === null) return false;
    if (a.name === 'character varying' || a.name === 'bit varying') return b.mods[0] >= a.mods[0];
    if (a.name === 'numeric') return (b.mods[1] ?? 0) === (a.mods[1] ?? 0) && b.mods[0] >= a.mods[0];
    if (PRECISION_TYPES.has(a.name)) return b.mods[0] >= a.mods[0];
    return a.mods.length === b.mods.length && a.mods.every((x, i) => x === b.mods![i]);
  }
  if (a.name === 'character varying' && b.name === 'text') return true;
  if (a.name === 'text' && b.name === 'character varying' && b.mods === null) return true;
  if (a.name === 'cidr' && b.name === 'inet') return true;
  return false;
}

/** True when every value of `a` converts to `b` without error. */
function safeWidening(a: ParsedType, b: ParsedType): boolean {
  if (b.name === 'text' && (!b.array || a.array)) return true; // everything prints (element-wise for arrays)
  if (a.array !== b.array) return false;
  if (binaryCoercible(a, b)) return true;
  if (TEXTUAL.has(b.name) && b.mods === null) return true;
  if (a.name in INT_RANK && b.name in INT_RANK) return INT_RANK[b.name] >= INT_RANK[a.name];
  if (a.name in INT_RANK && b.name in FLOAT_RANK) return true;
  if (a.name in INT_RANK && b.name === 'numeric') return b.mods === null;
  if (a.name in FLOAT_RANK && b.name in FLOAT_RANK) return FLOAT_RANK[b.name] >= FLOAT_RANK[a.name];
  if (a.name === 'numeric' && b.name === 'numeric' && b.mods !== null && a.mods !== null) {
    return b.mods[0] - (b.mods[1] ?? 0) >= a.mods[0] - (a.mods[1] ?? 0); // integer digits kept (scale may round)
  }
  if (a.name === b.name && PRECISION_TYPES.has(a.name)) return true; // rounds, never fails
  if (a.name === 'date' && TIMESTAMPS.has(b.name)) return true;
  if (TIMESTAMPS.has(a.name) && TIMESTAMPS.has(b.name)) return true;
  if (a.name === 'character' && b.name === 'character') return b.mods === null || (a.mods !== null && b.mods[0] >= a.mods[0]);
  return false;
}

/**
 * Analyzes `ALTER COLUMN … TYPE` from one type to another. Conversions to or from a user type (an enum)
 * go through text (`col::text::new`), since Postgres has no direct cast between an enum and other types.
 */
export function analyzeTypeChange(column: string, from: string, to: string): TypeChange {
  const a = parseType(from);
  const b = parseType(to);
  if (from === to) return { rewrite: false, mayFail: false, using: null };
  const rewrite = !binaryCoercible(a, b);
  const mayFail = !safeWidening(a, b);
  if (!rewrite) return { rewrite, mayFail, using: null };
  const viaText = userTypeOf(from) !== null || userTypeOf(to) !== null;
  const c = ident(column);
  const using = epochConversion(c, a, b, to) ?? (viaText ? `${c}::${a.array ? 'text[]' : 'text'}::${to}` : `${c}::${to}`);
  return { rewrite, mayFail, using };
}

/**
 * Integers and timestamps have no cast between them: integers are taken as Unix epoch seconds (UTC for a
 * timestamp without time zone) and back, so the conversion and its reverse agree. Functions are
 * schema-qualified, so a look-alike `to_timestamp` on the search path is never called (CVE-2018-1058).
 */
function epochConversion(c: string, a: ParsedType, b: ParsedType, to: string): string | null {
  if (a.array || b.array) return null;
  if (a.name in INT_RANK && b.name === 'timestamp with time zone') return `pg_catalog.to_timestamp(${c})`;
  if (a.name in INT_RANK && b.name === 'timestamp without time zone') return `(pg_catalog.to_timestamp(${c}) AT TIME ZONE 'UTC')`;
  if (TIMESTAMPS.has(a.name) && b.name in INT_RANK) return `pg_catalog.round(EXTRACT(EPOCH FROM ${c}))::${to}`;
  return null;
}
