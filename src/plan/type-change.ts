import { ident } from '../sql';
import { userTypeOf } from './graph-keys';
import { must } from '../util';

/** A column type as `format_type` prints it, taken apart: `character varying(20)[]`. */
interface ParsedType {
  readonly name: string;
  /** Type modifiers (`(20)`, `(10,2)`): at least one when present. */
  readonly mods: readonly [number, ...number[]] | null;
  readonly array: boolean;
}

function parseType(type: string): ParsedType {
  let t = type.trim();
  const array = t.endsWith('[]');
  t = t.replace(/(\[\])+$/, '');
  const m = /^(.*?)\(([\d,\s]+)\)(.*)$/.exec(t);
  if (!m) return { name: t.replace(/\s+/g, ' '), mods: null, array };
  const [, head = '', modText = '', tail = ''] = m;
  const name = `${head}${tail}`.replace(/\s+/g, ' ').trim();
  const [first, ...more] = modText.split(',').map((x) => Number(x.trim()));
  return { name, mods: first === undefined ? null : [first, ...more], array };
}

/** What changing a column's type costs and risks. */
export interface TypeChange {
  /** Postgres rewrites the table (not binary coercible). */
  readonly rewrite: boolean;
  /** Some existing values may not convert (narrowing, text → number, …). */
  readonly mayFail: boolean;
  /** Some existing values may be stored changed (rounded, cut to a date, less precise): `deletes-data`. */
  readonly lossy: boolean;
  /** Why the conversion is lossy, for the hazard message; null when it is not. */
  readonly loss: string | null;
  /** USING expression for the conversion, or null when the implicit one is right. */
  readonly using: string | null;
}

const INT_RANK: Record<string, number> = { smallint: 1, integer: 2, bigint: 3 };
const TEXTUAL = new Set(['text', 'character varying']);
const FLOAT_RANK: Record<string, number> = { real: 1, 'double precision': 2 };
const TIMESTAMPS = new Set(['timestamp without time zone', 'timestamp with time zone']);
/** The rank of a type in one of the tables above (callers check `name in table` first). */
const rankOf = (table: Record<string, number>, t: ParsedType): number => must(table[t.name], `rank of ${t.name}`);
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
  if (a.name in INT_RANK && b.name in INT_RANK) return rankOf(INT_RANK, b) >= rankOf(INT_RANK, a);
  if (a.name in INT_RANK && b.name in FLOAT_RANK) return true;
  if (a.name in INT_RANK && b.name === 'numeric') return b.mods === null;
  if (a.name in FLOAT_RANK && b.name in FLOAT_RANK) return rankOf(FLOAT_RANK, b) >= rankOf(FLOAT_RANK, a);
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
  if (from === to) return { rewrite: false, mayFail: false, lossy: false, loss: null, using: null };
  const rewrite = !binaryCoercible(a, b);
  const mayFail = !safeWidening(a, b);
  const loss = rewrite ? lossOf(a, b) : null;
  const lossy = loss !== null;
  // Same type, other modifiers (varchar(200) → varchar(50), numeric(12,2) → numeric(8,2)): no USING, so
  // Postgres applies the assignment coercion, which fails on a value that does not fit.
  if (!rewrite || (a.name === b.name && a.array === b.array)) return { rewrite, mayFail, lossy, loss, using: null };
  const viaText = userTypeOf(from) !== null || userTypeOf(to) !== null;
  const c = ident(column);
  // The explicit cast never names a length: `x::varchar(5)` truncates silently where the assignment
  // coercion that Postgres applies to the USING result fails ("value too long").
  const target = castTarget(b, to);
  const using = epochConversion(c, a, b, to) ?? (viaText ? `${c}::${a.array ? 'text[]' : 'text'}::${target}` : `${c}::${target}`);
  return { rewrite, mayFail, lossy, loss, using };
}

/** Length-limited types, and the type without a limit an explicit cast names instead. */
const UNLIMITED: Record<string, string> = {
  'character varying': 'character varying',
  character: 'bpchar',
  bit: 'bit varying',
  'bit varying': 'bit varying',
};

/** The type to cast to in USING: the target without its length limit (bpchar for char(n): `character` is char(1)). */
function castTarget(b: ParsedType, to: string): string {
  const bare = UNLIMITED[b.name];
  return bare === undefined ? to : `${bare}${b.array ? '[]' : ''}`;
}

const scaleOf = (t: ParsedType) => (t.mods === null ? null : (t.mods[1] ?? 0));
const TEMPORAL_PRECISION = (t: ParsedType) => (t.mods === null ? 6 : t.mods[0]);

/**
 * Why converting `a` to `b` may store some value changed (rounded, cut, less precise), or null when every
 * value either converts exactly or makes the statement fail. Unknown conversions count as lossy.
 */
function lossOf(a: ParsedType, b: ParsedType): string | null {
  if (a.array !== b.array) return TEXTUAL.has(b.name) && !b.array ? null : 'arrays and scalars do not convert value for value';
  if (binaryCoercible(a, b)) return null;
  if (TEXTUAL.has(b.name) || b.name === 'character') return null; // prints every value; a limit fails, never cuts
  if (a.name === b.name && UNLIMITED[a.name] !== undefined) return null; // bit(8) → bit(4): fails, never cuts
  const fromText = TEXTUAL.has(a.name) || a.name === 'character';
  if (a.name in INT_RANK) {
    if (b.name in INT_RANK || b.name === 'numeric' || TIMESTAMPS.has(b.name)) return null;
    if (b.name === 'double precision') return a.name === 'bigint' ? 'bigint values above 2^53 lose digits as double precision' : null;
    if (b.name === 'real') return a.name === 'smallint' ? null : `${a.name} values above 2^24 lose digits as real`;
  }
  if (b.name in INT_RANK) {
    if (a.name === 'numeric') return scaleOf(a) === 0 ? null : 'numeric values are rounded to integers';
    if (a.name in FLOAT_RANK) return 'floating-point values are rounded to integers';
    if (TIMESTAMPS.has(a.name)) return 'timestamps become whole epoch seconds (fractions are dropped)';
    if (fromText) return null; // '1.5' does not parse as an integer: it fails
  }
  if (b.name === 'numeric') {
    if (a.name in FLOAT_RANK) return 'floating-point values keep only 15 significant digits as numeric';
    if (a.name === 'numeric') {
      const [sa, sb] = [scaleOf(a), scaleOf(b)];
      return sb === null || (sa !== null && sa <= sb) ? null : `numeric values are rounded to ${sb} decimal place(s)`;
    }
    if (fromText) return scaleOf(b) === null ? null : `values are rounded to ${scaleOf(b)} decimal place(s)`;
  }
  if (b.name in FLOAT_RANK) {
    if (a.name in FLOAT_RANK) return rankOf(FLOAT_RANK, b) >= rankOf(FLOAT_RANK, a) ? null : 'double precision values lose precision as real';
    return `values may lose precision as ${b.name}`;
  }
  if (b.name === 'date') {
    if (TIMESTAMPS.has(a.name)) return 'the time of day is dropped';
    if (fromText) return 'a time of day in the text is dropped';
  }
  if (PRECISION_TYPES.has(b.name) && (a.name === b.name || (TIMESTAMPS.has(a.name) && TIMESTAMPS.has(b.name)) || a.name === 'date' || fromText)) {
    if (TIMESTAMPS.has(b.name) && a.name === 'date') return null;
    return TEMPORAL_PRECISION(b) >= TEMPORAL_PRECISION(a) || a.name === 'date' ? null : `fractional seconds are rounded to ${TEMPORAL_PRECISION(b)} digit(s)`;
  }
  if (b.name.startsWith('time') && TIMESTAMPS.has(a.name)) return 'the date is dropped';
  if ((a.name === 'json' && b.name === 'jsonb') || (a.name === 'jsonb' && b.name === 'json')) return null; // same JSON value (jsonb keeps the last of duplicate keys)
  if (fromText || userTypeOf(b.name) !== null || userTypeOf(a.name) !== null) return null; // parsed, or via text: exact or fails
  return `converting ${a.name} to ${b.name} may change values`;
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
