import type { Index, PrimaryKey, Unique } from './types';

/**
 * Postgres's rules for names it picks itself (src/backend/commands/indexcmds.c and catalog/namespace.c,
 * unchanged from PG 11 through 18): `makeObjectName` truncates the parts so the result fits in
 * NAMEDATALEN - 1 = 63 bytes, and `ChooseRelationName`/`ChooseConstraintName` append 1, 2, … to the label
 * until the name is free in the schema. Computing the same names lets the declared catalog always be
 * fully named and still match what Postgres creates.
 */

/** Longest identifier Postgres keeps (NAMEDATALEN - 1 bytes); longer ones are silently truncated. */
export const MAX_IDENTIFIER_BYTES = 63;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Clips a string to at most `max` bytes without splitting a multibyte character (pg_mbcliplen). */
export function clipBytes(s: string, max: number): string {
  if (bytes(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (bytes(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/** `makeObjectName(name1, name2, label)`: `name1_name2_label`, the longer part shortened first. */
export function makeObjectName(name1: string, name2: string | null, label: string | null): string {
  let overhead = 0;
  let n1 = bytes(name1);
  let n2 = 0;
  if (name2 !== null) {
    n2 = bytes(name2);
    overhead++;
  }
  if (label !== null) overhead += bytes(label) + 1;
  const avail = MAX_IDENTIFIER_BYTES - overhead;
  while (n1 + n2 > avail) {
    if (n1 > n2) n1--;
    else n2--;
  }
  let name = clipBytes(name1, n1);
  if (name2 !== null) name += '_' + clipBytes(name2, n2);
  if (label !== null) name += '_' + label;
  return name;
}

/** `ChooseRelationName`/`ChooseConstraintName`: the first of `label`, `label1`, `label2`… not taken. */
export function chooseName(name1: string, name2: string | null, label: string, taken: ReadonlySet<string>): string {
  let name = makeObjectName(name1, name2, label);
  for (let pass = 1; taken.has(name); pass++) name = makeObjectName(name1, name2, `${label}${pass}`);
  return name;
}

/**
 * `ChooseIndexNameAddition` / `ChooseForeignKeyConstraintNameAddition`: column names joined by `_`,
 * stopping once the result reaches NAMEDATALEN bytes (makeObjectName truncates it further).
 */
export function nameAddition(columns: readonly string[]): string {
  let out = '';
  for (const col of columns) {
    if (out.length > 0) out += '_';
    out += clipBytes(col, MAX_IDENTIFIER_BYTES);
    if (bytes(out) >= MAX_IDENTIFIER_BYTES + 1) break;
  }
  return out;
}

/**
 * `ChooseIndexColumnNames`: the name of each index key (column name, function name of an expression,
 * else `expr`), made distinct by appending 1, 2, … to repeats.
 */
export function indexColumnNames(keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const orig of keys) {
    let name = orig;
    for (let i = 1; out.includes(name); i++) name = clipBytes(orig, MAX_IDENTIFIER_BYTES - String(i).length) + i;
    out.push(name);
  }
  return out;
}

/**
 * The column name Postgres figures for an index expression (`FigureIndexColname`): the function name for
 * a function call (`lower(email)` → `lower`), the column for a bare column, otherwise `expr`.
 */
export function expressionColumnName(expression: string): string {
  const part = String.raw`(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))`;
  const call = new RegExp(String.raw`^(?:${part}\s*\.\s*)?${part}\s*\(`).exec(expression.replace(/^[\s(]+/, ''));
  if (call) return call[3] !== undefined ? call[3].replace(/""/g, '"') : (call[4] as string).toLowerCase();
  const bare = new RegExp(String.raw`^\s*${part}\s*$`).exec(expression);
  if (bare) return bare[1] !== undefined ? bare[1].replace(/""/g, '"') : (bare[2] as string).toLowerCase();
  return 'expr';
}

/** The unique btree index Postgres builds behind a PRIMARY KEY or UNIQUE constraint, named like it (no comment). */
export function keyIndex(k: PrimaryKey | Unique): Index {
  return {
    kind: 'Index',
    schema: k.schema,
    table: k.table,
    name: k.name,
    unique: true,
    method: 'btree',
    keys: k.columns.map((column) => ({ column, expression: null, opclass: null, collation: null, descending: false, nullsFirst: false })),
    include: k.include ?? [],
    where: null,
    nullsNotDistinct: k.kind === 'Unique' && k.nullsNotDistinct,
    comment: null,
  };
}
