import { keyPart } from '../util';
import { columnsIn, nameKey, type Constraint, type Index, type Table } from '../model';
import { qualified } from '../sql';
import { canonicalType, isIntegerType } from './type-names';
import type { ValidationContext } from './validate-context';
import { inheritedColumnNames } from './validate-table-shapes';

const SERIALS = new Set(['serial', 'bigserial', 'smallserial', 'serial2', 'serial4', 'serial8']);
const isSerial = (type: string) =>
  SERIALS.has(
    type
      .trim()
      .toLowerCase()
      .replace(/(\s*\[\s*\d*\s*\])+$/, ''),
  );

/** The label of a default written as a string literal (`'free'`, `'free'::tier`), else null. */
function literalLabel(expr: string): string | null {
  const m = /^\s*'((?:[^']|'')*)'\s*(?:::.*)?$/.exec(expr);
  return m?.[1]?.replace(/''/g, "'") ?? null;
}

/**
 * Column rules: identity only on integer types; identity, generated, serial never combined with each
 * other or with a default; generated columns not referring to themselves or to other generated
 * columns (PG 12–18 reject both); enum defaults among the enum's labels; no arrays of serial.
 */
export function validateColumns(ctx: ValidationContext): void {
  const enums = new Map(ctx.catalog.enums.map((e) => [canonicalType(qualified(e.schema, e.name)), e]));
  for (const t of ctx.catalog.tables) {
    const generated = new Set(t.columns.filter((c) => c.generated !== null).map((c) => c.name));
    for (const col of t.columns) {
      const key = nameKey(t.schema, t.name, col.name);
      const serial = isSerial(col.type);
      if (serial && /\[/.test(col.type)) ctx.report('invalid-type', key, `column ${col.name}: ${col.type} is not a type (serial types cannot be arrays)`);
      if (col.identity !== null && !isIntegerType(col.type)) {
        ctx.report('identity-type', key, `identity column ${col.name} must be smallint, integer or bigint, not ${col.type}`);
      }
      const kinds = [
        col.identity !== null && 'identity',
        col.generated !== null && 'generated',
        serial && 'serial',
        col.default !== null && 'a default',
      ].filter((x): x is string => typeof x === 'string');
      if (kinds.length > 1) ctx.report('default-conflict', key, `column ${col.name} cannot combine ${kinds.join(' and ')}`);
      if (col.generated !== null) {
        const refs = columnsIn(
          col.generated,
          t.columns.map((c) => c.name),
        );
        if (refs.includes(col.name)) ctx.report('generated-self-reference', key, `generated column ${col.name} refers to itself`);
        for (const other of refs.filter((r) => r !== col.name && generated.has(r))) {
          ctx.report('generated-reference', key, `generated column ${col.name} refers to generated column ${other}`);
        }
      }
      const e = enums.get(canonicalType(col.type));
      if (e && col.default !== null) {
        const label = literalLabel(col.default);
        if (label !== null && !e.values.includes(label)) {
          ctx.report('enum-default', key, `default '${label}' of column ${col.name} is not a value of enum ${e.schema}.${e.name} (${e.values.join(', ')})`);
        }
      }
    }
  }
  // With a table declared twice, its members are checked against the first declaration only.
  const seen = new Set<string>();
  // Each table's constraints and indexes, grouped once (filtering the whole catalog per table was quadratic:
  // most of a 1,000-table load).
  const constraintsOf = groupByTable(ctx.catalog.constraints);
  const indexesOf = groupByTable(ctx.catalog.indexes);
  for (const t of ctx.catalog.tables) {
    const k = tableKey(t.schema, t.name);
    if (!seen.has(nameKey(t.schema, t.name))) validateTableMembers(ctx, t, constraintsOf.get(k) ?? [], indexesOf.get(k) ?? []);
    seen.add(nameKey(t.schema, t.name));
  }
}

/** A table's key for grouping its members (JSON: no two tables share one). */
const tableKey = (schema: string, table: string): string => JSON.stringify([schema, table]);

/** Members (constraints, indexes) by their table, in catalog order. */
function groupByTable<T extends { readonly schema: string; readonly table: string }>(xs: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = tableKey(x.schema, x.table);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

/** Constraint and index columns exist (and appear once); one primary key per table; index shapes. */
function validateTableMembers(ctx: ValidationContext, t: Table, constraints: readonly Constraint[], indexes: readonly Index[]): void {
  const tkey = nameKey(t.schema, t.name);
  const names = new Set([...t.columns.map((c) => c.name), ...inheritedColumnNames(ctx.catalog, t)]);
  const checkColumns = (what: string, columns: readonly string[], object: string, key: string) => {
    for (const c of columns.filter((x) => !names.has(x)))
      ctx.report('missing-column', object, `${what} uses column ${c}, which table ${tkey} does not have`, key);
    const twice = columns.filter((c, i) => columns.indexOf(c) !== i);
    for (const c of new Set(twice)) ctx.report('duplicate-column', object, `${what} lists column ${c} more than once`, key);
  };
  // Same-named primary keys come from a repeated table declaration, reported as a duplicate name.
  const pks = constraints.filter((c, i) => c.kind === 'PrimaryKey' && constraints.findIndex((x) => x.name === c.name) === i);
  for (const pk of pks.slice(1))
    ctx.report('multiple-primary-keys', `${tkey}.${keyPart(pk.name)}`, `table ${tkey} has more than one primary key (${pks.map((p) => p.name).join(', ')})`);
  for (const c of constraints) {
    const key = `${tkey}.${keyPart(c.name)}`;
    const what = `constraint ${c.name}`;
    if (c.kind === 'Check') continue;
    if (c.kind === 'Exclusion') {
      if (c.elements.length === 0) ctx.report('no-columns', key, `${what} has no elements`);
      checkColumns(what, [...c.elements.flatMap((e) => (e.column !== null ? [e.column] : [])), ...c.include], key, key);
      continue;
    }
    if (c.columns.length === 0) ctx.report('no-columns', key, `${what} has no columns`);
    checkColumns(what, c.columns, key, key);
  }
  for (const ix of indexes) {
    const key = nameKey(t.schema, ix.name);
    const what = `index ${ix.name}`;
    if (ix.keys.length === 0) ctx.report('no-columns', key, `${what} has no keys (use .on(…))`);
    checkColumns(
      what,
      ix.keys.flatMap((k) => (k.column !== null ? [k.column] : [])),
      key,
      key,
    );
    checkColumns(`${what} INCLUDE`, ix.include, key, key);
    if (ix.unique && ix.method !== 'btree')
      ctx.report('index-method', key, `${what}: access method ${ix.method} does not support unique indexes (only btree does)`);
    if (ix.nullsNotDistinct && !ix.unique) ctx.report('index-method', key, `${what}: NULLS NOT DISTINCT needs a unique index`);
  }
}
