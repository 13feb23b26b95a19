import { enumKey, type Catalog, type Enum, type Renames } from '../model';
import type { Change } from './changes';
import { matchByKey } from './match';
import { columnsOfType } from './type-usage';
import { literal, qualified } from '../util';

/**
 * Enum changes. Values only added (old values keep their relative order) become in-place
 * `ADD VALUE … BEFORE/AFTER`; any removal or reordering recreates the type and converts its columns.
 */
export function diffEnums(from: Catalog, to: Catalog, remaps: ReadonlyMap<string, Readonly<Record<string, string>>> = new Map()): Change[] {
  const m = matchByKey(from.enums, to.enums, enumKey);
  const out: Change[] = [];
  for (const e of m.added) {
    out.push({ kind: 'CreateEnum', enum: e });
    if (e.comment !== null) out.push({ kind: 'SetComment', target: { kind: 'Enum', schema: e.schema, name: e.name }, from: null, to: e.comment });
  }
  for (const e of m.removed) out.push({ kind: 'DropEnum', enum: e });
  for (const [a, b] of m.common) {
    const values = diffEnumValues(from, a, b, remaps.get(enumKey(b)) ?? {});
    out.push(...values);
    // A recreated enum is created without its comment: it is set again.
    const before = values.some((c) => c.kind === 'RecreateEnum') ? null : a.comment;
    if (before !== (b.comment ?? null)) out.push({ kind: 'SetComment', target: { kind: 'Enum', schema: b.schema, name: b.name }, from: before, to: b.comment });
  }
  return out;
}

function diffEnumValues(from: Catalog, a: Enum, b: Enum, remap: Readonly<Record<string, string>>): Change[] {
  if (a.values.length === b.values.length && a.values.every((v, i) => v === b.values[i])) return [];
  const kept = b.values.filter((v) => a.values.includes(v));
  const appendOnly = a.values.every((v) => b.values.includes(v)) && kept.every((v, i) => v === a.values[i]);
  if (!appendOnly) {
    return [{ kind: 'RecreateEnum', from: a, to: b, remap, columns: columnsOfType(from, a.schema, a.name) }];
  }
  // Insert each new value just before the next value that already exists (present values keep their
  // relative order, so that is its right place); with no such value it is appended at the end.
  const out: Change[] = [];
  const present = new Set(a.values);
  b.values.forEach((v, i) => {
    if (present.has(v)) return;
    const before = b.values.slice(i + 1).find((x) => present.has(x)) ?? null;
    out.push({ kind: 'AddEnumValue', enum: b, value: v, before, after: null });
    present.add(v);
  });
  return out;
}

/** The declared remaps of removed enum values, keyed by the enum's (new) `schema.name`. */
export function enumRemaps(renames: Renames): Map<string, Readonly<Record<string, string>>> {
  return new Map((renames.enumRemaps ?? []).map((r) => [enumKey({ schema: r.schema, name: r.enum }), r.remap]));
}

/** A default naming a remapped enum value (`'old'::schema.enum`) rewritten to name its new value. */
export function remapDefault(expression: string, schema: string, name: string, remap: Readonly<Record<string, string>>): string {
  const type = qualified(schema, name);
  return Object.entries(remap).reduce((sql, [from, to]) => sql.split(`${literal(from)}::${type}`).join(`${literal(to)}::${type}`), expression);
}

/**
 * The catalog with the defaults of columns of remapped enums already remapped: the recreation of the enum
 * sets them again that way, so the column diff only sees a default the user changed beyond the remap.
 */
export function withRemappedDefaults(c: Catalog, renames: Renames): Catalog {
  const remaps = renames.enumRemaps ?? [];
  if (remaps.length === 0) return c;
  return {
    ...c,
    tables: c.tables.map((t) => ({
      ...t,
      columns: t.columns.map((col) => ({
        ...col,
        default: col.default === null ? null : remaps.reduce((d, r) => remapDefault(d, r.schema, r.enum, r.remap), col.default),
      })),
    })),
  };
}
