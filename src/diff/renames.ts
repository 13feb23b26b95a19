import { type Catalog, type Column, type Constraint, type Index, type Renames, type Table } from '../model';
import { ident, literal } from '../util';
import type { Change } from './changes';
import { canRename, renameNamed } from './rename-named';
import { renameIdentifierInSql } from './rename-sql';
import { applyProgrammableRenames, followColumnRename, followTableRename } from './renames-programmable';
import { renameParentIn } from './table-shapes';

/**
 * Applies explicit rename intents to the source catalog: each rename whose old object exists (and whose new
 * name is free) becomes a Rename change, and the source is rewritten as if renamed, so the rest of the diff
 * compares like with like. A rename whose old object is gone is already done: nothing happens (idempotent).
 */
export function applyRenames(from: Catalog, renames: Renames): { catalog: Catalog; changes: Change[] } {
  let c = from;
  const changes: Change[] = [];
  for (const r of renames.tables) {
    if (canRename(c.foreignTables, (t) => t.schema === r.schema, r.from, r.to) && !c.tables.some((t) => t.schema === r.schema && t.name === r.to)) {
      changes.push({ kind: 'RenameTable', schema: r.schema, from: r.from, to: r.to, foreign: true });
      const foreignTables = c.foreignTables.map((t) => (t.schema === r.schema && t.name === r.from ? { ...t, name: r.to } : t));
      c = followTableRename({ ...c, foreignTables }, r.schema, r.from, r.to);
      continue;
    }
    if (!canRename(c.tables, (t) => t.schema === r.schema, r.from, r.to)) continue;
    changes.push({ kind: 'RenameTable', schema: r.schema, from: r.from, to: r.to });
    c = followTableRename(renameTableIn(c, r.schema, r.from, r.to), r.schema, r.from, r.to);
  }
  for (const r of renames.columns) {
    const t = c.tables.find((x) => x.schema === r.schema && x.name === r.table);
    if (!t || !t.columns.some((x) => x.name === r.from) || t.columns.some((x) => x.name === r.to)) continue;
    changes.push({ kind: 'RenameColumn', schema: r.schema, table: r.table, from: r.from, to: r.to });
    c = followColumnRename(renameColumnIn(c, r.schema, r.table, r.from, r.to), r.schema, r.table, r.from, r.to);
  }
  for (const r of renames.constraints) {
    const constraints = renameNamed(c.constraints, (k) => k.schema === r.schema && k.table === r.table, r.from, r.to);
    if (constraints === null) continue;
    changes.push({ kind: 'RenameConstraint', schema: r.schema, table: r.table, from: r.from, to: r.to });
    c = { ...c, constraints };
  }
  for (const r of renames.indexes) {
    const indexes = renameNamed(c.indexes, (i) => i.schema === r.schema, r.from, r.to);
    if (indexes === null) continue;
    changes.push({ kind: 'RenameIndex', schema: r.schema, from: r.from, to: r.to });
    c = { ...c, indexes };
  }
  for (const r of renames.policies) {
    const policies = renameNamed(c.policies, (k) => k.schema === r.schema && k.table === r.table, r.from, r.to);
    if (policies === null) continue;
    changes.push({ kind: 'RenamePolicy', schema: r.schema, table: r.table, from: r.from, to: r.to });
    c = { ...c, policies };
  }
  for (const r of renames.enums) {
    if (!canRename(c.enums, (e) => e.schema === r.schema, r.from, r.to)) continue;
    changes.push({ kind: 'RenameEnum', schema: r.schema, from: r.from, to: r.to });
    c = renameTypeIn(c, r.schema, r.from, r.to);
  }
  for (const r of renames.enumValues) {
    const e = c.enums.find((x) => x.schema === r.schema && x.name === r.enum);
    if (!e || !e.values.includes(r.from) || e.values.includes(r.to)) continue;
    changes.push({ kind: 'RenameEnumValue', schema: r.schema, enum: r.enum, from: r.from, to: r.to });
    c = { ...c, enums: c.enums.map((x) => (x === e ? { ...x, values: x.values.map((v) => (v === r.from ? r.to : v)) } : x)) };
    // Literals of the value, as Postgres prints them (`'old'::schema.enum`), now read the new label.
    const type = `${ident(r.schema)}.${ident(r.enum)}`;
    c = mapExpressions(c, (sql) => sql.split(`${literal(r.from)}::${type}`).join(`${literal(r.to)}::${type}`));
  }
  const programmable = applyProgrammableRenames(c, renames);
  return { catalog: programmable.catalog, changes: [...changes, ...programmable.changes] };
}

function renameTableIn(c: Catalog, schema: string, from: string, to: string): Catalog {
  const on = (x: { schema: string; table: string }) => x.schema === schema && x.table === from;
  return {
    ...c,
    tables: c.tables.map((t) => renameParentIn(t.schema === schema && t.name === from ? { ...t, name: to } : t, schema, from, to)),
    indexes: c.indexes.map((i) => (on(i) ? { ...i, table: to } : i)),
    policies: c.policies.map((p) => (on(p) ? { ...p, table: to } : p)),
    constraints: c.constraints.map((k) => {
      let r: Constraint = on(k) ? { ...k, table: to } : k;
      if (r.kind === 'ForeignKey' && r.refSchema === schema && r.refTable === from) r = { ...r, refTable: to };
      return r;
    }),
  };
}

function renameColumnIn(c: Catalog, schema: string, table: string, from: string, to: string): Catalog {
  const on = (x: { schema: string; table: string }) => x.schema === schema && x.table === table;
  const cols = (xs: readonly string[]) => xs.map((x) => (x === from ? to : x));
  const expr = (s: string) => renameIdentifierInSql(s, from, to);
  const renameCol = (col: Column): Column => ({
    ...col,
    name: col.name === from ? to : col.name,
    generated: col.generated === null ? null : expr(col.generated),
  });
  const renameIndex = (i: Index): Index => ({
    ...i,
    keys: i.keys.map((k) => ({ ...k, column: k.column === from ? to : k.column, expression: k.expression === null ? null : expr(k.expression) })),
    include: cols(i.include),
    where: i.where === null ? null : expr(i.where),
  });
  const renameConstraint = (k: Constraint): Constraint => {
    let r: Constraint = k;
    if (on(k)) {
      if (r.kind === 'Check') r = { ...r, expression: expr(r.expression) };
      else if (r.kind === 'Exclusion')
        r = {
          ...r,
          elements: r.elements.map((e) => ({ ...e, column: e.column === from ? to : e.column, expression: e.expression === null ? null : expr(e.expression) })),
          include: cols(r.include),
          where: r.where === null ? null : expr(r.where),
        };
      else r = { ...r, columns: cols(r.columns) };
    }
    if (r.kind === 'ForeignKey' && r.refSchema === schema && r.refTable === table) r = { ...r, refColumns: cols(r.refColumns) };
    return r;
  };
  return {
    ...c,
    tables: c.tables.map((t): Table => (t.schema === schema && t.name === table ? { ...t, columns: t.columns.map(renameCol) } : t)),
    indexes: c.indexes.map((i) => (on(i) ? renameIndex(i) : i)),
    constraints: c.constraints.map(renameConstraint),
    policies: c.policies.map((p) =>
      on(p) ? { ...p, using: p.using === null ? null : expr(p.using), withCheck: p.withCheck === null ? null : expr(p.withCheck) } : p,
    ),
  };
}

export function renameTypeIn(c: Catalog, schema: string, from: string, to: string): Catalog {
  const oldName = `${ident(schema)}.${ident(from)}`;
  const newName = `${ident(schema)}.${ident(to)}`;
  const retype = (t: string) => (t === oldName ? newName : t === `${oldName}[]` ? `${newName}[]` : t);
  const renamed: Catalog = {
    ...c,
    enums: c.enums.map((e) => (e.schema === schema && e.name === from ? { ...e, name: to } : e)),
    tables: c.tables.map((t) => ({ ...t, columns: t.columns.map((col) => ({ ...col, type: retype(col.type) })) })),
  };
  // Casts to the type inside expressions (`'x'::schema.old`, `::schema.old[]`) print the new name.
  return mapExpressions(renamed, (sql) => replaceTypeName(sql, oldName, newName));
}

/** Replaces `::old` casts by `::new` when the name is not the prefix of a longer name. */
function replaceTypeName(sql: string, oldName: string, newName: string): string {
  const marker = `::${oldName}`;
  let out = '';
  let i = 0;
  for (let at = sql.indexOf(marker); at >= 0; at = sql.indexOf(marker, i)) {
    const next = sql[at + marker.length];
    const whole = next === undefined || !/[A-Za-z0-9_$"]/.test(next);
    out += sql.slice(i, at) + (whole ? `::${newName}` : marker);
    i = at + marker.length;
  }
  return out + sql.slice(i);
}

/** Applies `f` to every expression text of the catalog: defaults, generated columns, checks, index keys and predicates. */
export function mapExpressions(c: Catalog, f: (sql: string) => string): Catalog {
  const m = (s: string | null) => (s === null ? null : f(s));
  return {
    ...c,
    tables: c.tables.map((t) => ({ ...t, columns: t.columns.map((col) => ({ ...col, default: m(col.default), generated: m(col.generated) })) })),
    constraints: c.constraints.map((k) => (k.kind === 'Check' ? { ...k, expression: f(k.expression) } : k)),
    indexes: c.indexes.map((i) => ({ ...i, where: m(i.where), keys: i.keys.map((k) => ({ ...k, expression: m(k.expression) })) })),
    policies: c.policies.map((p) => ({ ...p, using: m(p.using), withCheck: m(p.withCheck) })),
  };
}
