import {
  columnKey,
  generationOf,
  constraintKey,
  indexKey,
  relKey,
  type Catalog,
  type Column,
  type Constraint,
  type Dependency,
  type Domain,
  type ExpressionUse,
  type Index,
} from '../model';
import type { Change } from './changes';
import { dependencyKey, relationKey } from './dependents';
import { constraintCommentChanges, referencesKey } from './constraints';
import { inheritedColumns, parentsOf } from './inherited-columns';

/** Column keys (dependency keys) a plan changes in a way Postgres copes with or that removes the readers itself. */
function passiveColumns(base: readonly Change[]): { retyped: Set<string>; gone: Set<string>; converted: Set<string> } {
  const key = (schema: string, table: string, name: string) => dependencyKey({ kind: 'column', schema, table, name });
  const retyped = new Set<string>();
  const gone = new Set<string>();
  const converted = new Set<string>();
  for (const c of base) {
    if (c.kind === 'AlterColumn' && (c.from.type !== c.to.type || c.from.collation !== c.to.collation)) retyped.add(key(c.schema, c.table, c.to.name));
    else if (c.kind === 'DropColumn') gone.add(key(c.schema, c.table, c.column.name));
    else if (c.kind === 'RenameColumn') gone.add(key(c.schema, c.table, c.from));
    else if (c.kind === 'DropTable') for (const col of c.table.columns) gone.add(key(c.table.schema, c.table.name, col.name));
    else if (c.kind === 'RecreateEnum' || c.kind === 'RecreateDomain' || c.kind === 'RecreateCompositeType' || c.kind === 'RecreateRangeType')
      for (const x of c.columns) converted.add(key(x.schema, x.table, x.column.name));
  }
  for (const k of converted) retyped.delete(k);
  return { retyped, gone, converted };
}

/**
 * True when `use` must be rebuilt: it reads a type, routine or column the plan recreates under it. A column
 * changing type by ALTER COLUMN only counts for policies and generated columns: Postgres rebuilds checks,
 * indexes and defaults itself then, but refuses the change under the former.
 */
function broken(use: ExpressionUse, invalid: ReadonlySet<string>, p: ReturnType<typeof passiveColumns>): boolean {
  return use.dependsOn.some((d) => {
    const k = dependencyKey(d);
    if (!invalid.has(k) && !p.retyped.has(k)) return false;
    if (d.kind !== 'column') return true;
    if (p.gone.has(k)) return false;
    return !p.retyped.has(k) || use.owner.kind === 'policy' || use.owner.kind === 'generated';
  });
}

/**
 * The names the base's explicit renames of constraints, indexes and policies gave, mapped to the names they
 * replace: an object rebuilt around a recreated type is dropped under its old name and created under its
 * new one, and its rename is not run (see supersededRenames).
 */
function oldNames(base: readonly Change[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of base) {
    if (c.kind === 'RenameConstraint') out.set(`constraint ${JSON.stringify([c.schema, c.table, c.to])}`, c.from);
    else if (c.kind === 'RenameIndex') out.set(`index ${JSON.stringify([c.schema, c.to])}`, c.from);
    else if (c.kind === 'RenamePolicy') out.set(`policy ${JSON.stringify([c.schema, c.table, c.to])}`, c.from);
  }
  return out;
}

/** Renames of constraints, indexes and policies that the changes drop under their old names (rebuilt around a type): not run. */
export function supersededRenames(changes: readonly Change[]): Set<Change> {
  const dropped = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'DropConstraint' && c.around) dropped.add(`constraint ${JSON.stringify([c.constraint.schema, c.constraint.table, c.constraint.name])}`);
    else if (c.kind === 'DropIndex' && c.around) dropped.add(`index ${JSON.stringify([c.index.schema, c.index.name])}`);
    else if (c.kind === 'DropPolicy' && c.around) dropped.add(`policy ${JSON.stringify([c.policy.schema, c.policy.table, c.policy.name])}`);
  }
  return new Set(
    changes.filter(
      (c) =>
        (c.kind === 'RenameConstraint' && dropped.has(`constraint ${JSON.stringify([c.schema, c.table, c.from])}`)) ||
        (c.kind === 'RenameIndex' && dropped.has(`index ${JSON.stringify([c.schema, c.from])}`)) ||
        (c.kind === 'RenamePolicy' && dropped.has(`policy ${JSON.stringify([c.schema, c.table, c.from])}`)),
    ),
  );
}

/** True when the base changes alter, recreate, drop or create the domain (what reads it is then theirs). */
const domainTouched = (base: readonly Change[], same: (x: { schema: string; name: string }) => boolean): boolean =>
  base.some(
    (c) =>
      ((c.kind === 'AlterDomain' || c.kind === 'RecreateDomain') && same(c.from)) || ((c.kind === 'DropDomain' || c.kind === 'CreateDomain') && same(c.domain)),
  );

/**
 * A part of a domain (a CHECK, its default) that reads a recreated routine or type: `split` gives the domain without
 * it and with it again as declared (null when the part is not on both sides); it is dropped before
 * (`ALTER DOMAIN`) and put back after, unless the base changes the domain itself (then it is left to them).
 */
function rebuildDomainPart(
  from: Catalog,
  to: Catalog,
  base: readonly Change[],
  o: { schema: string; domain: string },
  dependsOn: readonly Dependency[],
  split: (a: Domain, b: Domain) => readonly [without: Domain, back: Domain] | null,
): Change[] {
  const same = (x: { schema: string; name: string }) => x.schema === o.schema && x.name === o.domain;
  const [a, b] = [from.domains.find(same), to.domains.find(same)];
  const parts = a && b && !domainTouched(base, same) ? split(a, b) : null;
  if (!a || !parts) return [];
  const [without, back] = parts;
  return [
    { kind: 'AlterDomain', from: a, to: without, around: { dependsOn, before: true } },
    { kind: 'AlterDomain', from: without, to: back, around: { dependsOn, before: false } },
  ];
}

/** The domain without its CHECK `name`, and with the declared one appended again. */
const splitCheck =
  (name: string) =>
  (a: Domain, b: Domain): readonly [Domain, Domain] | null => {
    const check = b.checks.find((k) => k.name === name);
    if (!check || !a.checks.some((k) => k.name === name)) return null;
    const without = { ...a, checks: a.checks.filter((k) => k.name !== name) };
    return [without, { ...without, checks: [...without.checks, check] }];
  };

/** The domain without its default, and with the declared one again. */
const splitDefault = (a: Domain, b: Domain): readonly [Domain, Domain] | null =>
  a.default === null || b.default === null
    ? null
    : [
        { ...a, default: null },
        { ...a, default: b.default },
      ];

/**
 * A column default reading a recreated routine or type: dropped before it, set again after, on its table
 * alone (`ALTER TABLE ONLY`). The copies partitions and child tables hold are pg_depend entries of their own
 * (expression uses), rebuilt each on its own table the same way; ALTER TABLE on the parent would recurse and
 * give a child keeping a default of its own the parent's. An inherited column's default is the child's
 * (AlterInheritedColumn, always ONLY).
 */
function rebuildDefault(from: Catalog, to: Catalog, o: { schema: string; table: string; column: string }, dependsOn: readonly Dependency[]): Change[] {
  const at = { schema: o.schema, table: o.table };
  const [a, b] = [findColumn(from, o.schema, o.table, o.column), findColumn(to, o.schema, o.table, o.column)];
  if (a && b) {
    const only = from.tables.some((t) => parentsOf(t).some((x) => x.schema === o.schema && x.name === o.table));
    return [
      { kind: 'AlterColumn', ...at, from: a, to: { ...a, default: null }, ...(only ? { only } : {}), around: { dependsOn, before: true } },
      { kind: 'AlterColumn', ...at, from: { ...b, default: null }, to: b, ...(only ? { only } : {}), around: { dependsOn, before: false } },
    ];
  }
  const same = (t: { schema: string; name: string }) => t.schema === o.schema && t.name === o.table;
  const [ta, tb] = [from.tables.find(same), to.tables.find(same)];
  const [ia, ib] = [ta && inheritedColumns(ta, from).find((x) => x.name === o.column), tb && inheritedColumns(tb, to).find((x) => x.name === o.column)];
  const parent = tb && parentsOf(tb)[0];
  if (!ia || !ib || !parent || ia.default === null || ib.default === null) return [];
  const facts = (c: Column, dflt: string | null) => ({ notNull: c.notNull, default: dflt });
  const inherited = { kind: 'AlterInheritedColumn', ...at, parent, column: o.column, restorable: true } as const;
  return [
    { ...inherited, from: facts(ia, ia.default), to: facts(ia, null), around: { dependsOn, before: true } },
    { ...inherited, from: facts(ib, null), to: facts(ib, ib.default), around: { dependsOn, before: false } },
  ];
}

/** Keys of objects the base changes already drop or create (they are left to the base). */
function touchedKeys(base: readonly Change[]): Set<string> {
  const out = new Set<string>();
  for (const c of base) {
    if (c.kind === 'DropConstraint' || c.kind === 'AddConstraint') out.add(`constraint ${constraintKey(c.constraint)}`);
    else if (c.kind === 'DropIndex' || c.kind === 'CreateIndex') out.add(`index ${indexKey(c.index)}`);
    else if (c.kind === 'DropPolicy' || c.kind === 'CreatePolicy') out.add(`policy ${constraintKey(c.policy)}`);
    else if (c.kind === 'AlterColumn' || c.kind === 'DropColumn' || c.kind === 'AddColumn') {
      out.add(`column ${columnKey(c.schema, c.table, c.kind === 'AlterColumn' ? c.to.name : c.column.name)}`);
    } else if (c.kind === 'AlterInheritedColumn') out.add(`column ${columnKey(c.schema, c.table, c.column)}`);
    else if (c.kind === 'DropTable' || c.kind === 'CreateTable') out.add(`table ${relKey(c.table)}`);
  }
  return out;
}

const findColumn = (cat: Catalog, schema: string, table: string, name: string): Column | undefined =>
  cat.tables.find((t) => t.schema === schema && t.name === table)?.columns.find((c) => c.name === name);

/** Indexes and key constraints on a column, which DROP COLUMN removes with it. */
function onColumn(cat: Catalog, schema: string, table: string, name: string): { indexes: Index[]; constraints: Constraint[] } {
  return {
    indexes: cat.indexes.filter((i) => i.schema === schema && i.table === table && (i.keys.some((k) => k.column === name) || i.include.includes(name))),
    constraints: cat.constraints.filter((c) => c.schema === schema && c.table === table && 'columns' in c && c.columns.includes(name)),
  };
}

/** Foreign keys of `cat` referencing the key `k` (Postgres binds them to it). */
function referencingForeignKeys(cat: Catalog, k: Constraint | Index): Constraint[] {
  return cat.constraints.filter((fk) => fk.kind === 'ForeignKey' && referencesKey(fk, k));
}

/**
 * Rebuilds around the plan's recreated types and routines every table expression that reads them (from
 * pg_depend, `Catalog.expressionUses`): checks and exclusions, expression and partial indexes, policies and
 * defaults are dropped before and created after; a generated column is dropped and added again (with the
 * indexes and keys on it), and its own readers follow (its key is added to `invalid`). Objects the base
 * changes already drop or create, or whose table goes away, are left to them.
 */
export function rebuildExpressionUsers(from: Catalog, to: Catalog, base: readonly Change[], invalid: Set<string>): Change[] {
  const p = passiveColumns(base);
  const touched = touchedKeys(base);
  const renamed = oldNames(base);
  const named = <T extends { name: string }>(x: T, key: string): T => ({ ...x, name: renamed.get(key) ?? x.name });
  const uses = from.expressionUses ?? [];
  const out: Change[] = [];
  const done = new Set<string>();
  // Gone, or rebuilt with all it holds: a dropped or recreated table, or a materialized view (whose indexes are
  // relations' expressions too) that is dropped or recreated (rebuildOnRecreated builds its indexes again).
  const tableGone = (schema: string, table: string) =>
    touched.has(`table ${relKey({ schema, name: table })}`) ||
    (!to.tables.some((t) => t.schema === schema && t.name === table) &&
      (!to.views.some((v) => v.materialized && v.schema === schema && v.name === table) || invalid.has(relationKey(schema, table))));
  // A key rebuilt takes the foreign keys bound to it along (Postgres refuses to drop it under them).
  const rebuildConstraint = (a: Constraint, dependsOn: readonly Dependency[]) => {
    const k = `constraint ${constraintKey(a)}`;
    const b = to.constraints.find((x) => constraintKey(x) === constraintKey(a));
    if (!b || touched.has(k) || done.has(k) || tableGone(a.schema, a.table)) return;
    done.add(k);
    for (const fk of referencingForeignKeys(from, a)) rebuildConstraint(fk, dependsOn);
    const old = named(a, `constraint ${JSON.stringify([a.schema, a.table, a.name])}`);
    out.push(
      { kind: 'DropConstraint', constraint: old, around: { dependsOn, before: true } },
      { kind: 'AddConstraint', constraint: b, around: { dependsOn, before: false } },
    );
    out.push(...constraintCommentChanges(b));
  };
  const rebuildIndex = (a: Index, dependsOn: readonly Dependency[]) => {
    const k = `index ${indexKey(a)}`;
    const b = to.indexes.find((x) => indexKey(x) === indexKey(a));
    if (!b || touched.has(k) || done.has(k) || tableGone(a.schema, a.table)) return;
    done.add(k);
    for (const fk of referencingForeignKeys(from, a)) rebuildConstraint(fk, dependsOn);
    const old = named(a, `index ${JSON.stringify([a.schema, a.name])}`);
    out.push({ kind: 'DropIndex', index: old, around: { dependsOn, before: true } }, { kind: 'CreateIndex', index: b, around: { dependsOn, before: false } });
    if (b.comment !== null) out.push({ kind: 'SetComment', target: { kind: 'Index', schema: b.schema, name: b.name }, from: null, to: b.comment });
  };
  // A column whose generation expression is added or changed is dropped and added again (AlterColumn): the
  // indexes and keys on it go with it and are created again after.
  for (const c of base) {
    if (c.kind !== 'AlterColumn' || c.around || generationOf(c.from) === generationOf(c.to) || c.to.generated === null) continue;
    const self = [{ kind: 'column' as const, schema: c.schema, table: c.table, name: c.from.name }];
    const on = onColumn(from, c.schema, c.table, c.from.name);
    for (const i of on.indexes) rebuildIndex(i, self);
    for (const k of on.constraints) rebuildConstraint(k, self);
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const use of uses) {
      const o = use.owner;
      const k = `${o.kind} ${JSON.stringify(o)}`;
      if (done.has(k) || !broken(use, invalid, p)) continue;
      const dependsOn = use.dependsOn;
      switch (o.kind) {
        case 'constraint': {
          const a = from.constraints.find((x) => x.schema === o.schema && x.table === o.table && x.name === o.name);
          if (a) rebuildConstraint(a, dependsOn);
          break;
        }
        case 'index': {
          const a = from.indexes.find((x) => x.schema === o.schema && x.name === o.name);
          if (a) rebuildIndex(a, dependsOn);
          break;
        }
        case 'policy': {
          const a = from.policies.find((x) => x.schema === o.schema && x.table === o.table && x.name === o.name);
          const b = to.policies.find((x) => x.schema === o.schema && x.table === o.table && x.name === o.name);
          if (!a || !b || touched.has(`policy ${constraintKey(a)}`) || tableGone(o.schema, o.table)) break;
          const old = named(a, `policy ${JSON.stringify([a.schema, a.table, a.name])}`);
          out.push(
            { kind: 'DropPolicy', policy: old, around: { dependsOn, before: true } },
            { kind: 'CreatePolicy', policy: b, around: { dependsOn, before: false } },
          );
          if (b.comment !== null)
            out.push({ kind: 'SetComment', target: { kind: 'Policy', schema: b.schema, table: b.table, name: b.name }, from: null, to: b.comment });
          break;
        }
        case 'default': {
          // A default of a column converted to a recreated type is dropped and set again by that recreation.
          const ck = dependencyKey({ kind: 'column', schema: o.schema, table: o.table, name: o.column });
          if (p.converted.has(ck) || touched.has(`column ${columnKey(o.schema, o.table, o.column)}`) || tableGone(o.schema, o.table)) break;
          out.push(...rebuildDefault(from, to, o, dependsOn));
          break;
        }
        case 'domain-check':
          out.push(...rebuildDomainPart(from, to, base, o, dependsOn, splitCheck(o.name)));
          break;
        case 'domain-default':
          out.push(...rebuildDomainPart(from, to, base, o, dependsOn, splitDefault));
          break;
        case 'generated': {
          const [a, b] = [findColumn(from, o.schema, o.table, o.column), findColumn(to, o.schema, o.table, o.column)];
          if (!a || !b || touched.has(`column ${columnKey(o.schema, o.table, o.column)}`) || tableGone(o.schema, o.table)) break;
          out.push(
            { kind: 'DropColumn', schema: o.schema, table: o.table, column: a, around: { dependsOn, before: true } },
            { kind: 'AddColumn', schema: o.schema, table: o.table, column: b, around: { dependsOn, before: false } },
          );
          invalid.add(dependencyKey({ kind: 'column', schema: o.schema, table: o.table, name: o.column }));
          const self = [...dependsOn, { kind: 'column' as const, schema: o.schema, table: o.table, name: o.column }];
          const on = onColumn(from, o.schema, o.table, o.column);
          for (const i of on.indexes) rebuildIndex(i, self);
          for (const c of on.constraints) rebuildConstraint(c, self);
          changed = true;
          break;
        }
      }
      done.add(k);
    }
  }
  return out;
}
