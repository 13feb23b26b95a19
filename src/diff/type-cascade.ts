import { columnKey, relKey, type Catalog, type CompositeType, type Domain, type RangeType } from '../model';
import { ident, qualified } from '../util';
import type { Change, TypeRef } from './changes';
import { columnsOfType } from './type-usage';
import { columnAttributesEqual } from './tables';
import { rangeColumns } from './type-objects';

/**
 * True when a type as `format_type` prints it (`public.mood`, `public.mood[]`) is `t` or an array of it:
 * the dependency pg_depend records for a domain's base type and a composite's attribute types.
 */
function typeReads(type: string, t: TypeRef): boolean {
  return type.replace(/(\[\])+$/, '') === `${ident(t.schema)}.${ident(t.name)}`;
}

/** The user types a domain or composite type reads (its base type, its attribute types). */
function typesRead(x: Domain | CompositeType): readonly string[] {
  return x.kind === 'Domain' ? [x.type] : x.attributes.map((a) => a.type);
}

/** The keys of types the changes recreate aside (enums, domains) or drop and create again (domains, composites). */
function recreatedTypes(changes: readonly Change[]): { aside: Map<string, TypeRef>; dropCreate: Map<string, TypeRef> } {
  const aside = new Map<string, TypeRef>();
  const dropped = new Map<string, TypeRef>();
  const created = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'RecreateEnum' || c.kind === 'RecreateDomain') aside.set(relKey(c.from), c.from);
    else if (c.kind === 'RecreateRangeType') {
      const multirange = { schema: c.from.multirangeSchema, name: c.from.multirangeName };
      aside.set(relKey(c.from), c.from).set(relKey(multirange), multirange);
    } else if (c.kind === 'DropDomain') dropped.set(relKey(c.domain), c.domain);
    else if (c.kind === 'DropCompositeType') dropped.set(relKey(c.type), c.type);
    else if (c.kind === 'CreateDomain') created.add(relKey(c.domain));
    else if (c.kind === 'CreateCompositeType') created.add(relKey(c.type));
  }
  return { aside, dropCreate: new Map([...dropped].filter(([k]) => created.has(k))) };
}

const multirangeOf = (r: RangeType): TypeRef => ({ schema: r.multirangeSchema, name: r.multirangeName });

/** The change recreating `a` aside as `b`, its columns converted, reading the recreated types `within`. */
function recreateAside(from: Catalog, a: Domain | CompositeType, b: Domain | CompositeType, within: readonly TypeRef[]): Change {
  const columns = columnsOfType(from, a.schema, a.name);
  if (a.kind === 'Domain' && b.kind === 'Domain') return { kind: 'RecreateDomain', from: a, to: b, columns, within };
  if (a.kind === 'CompositeType' && b.kind === 'CompositeType') return { kind: 'RecreateCompositeType', from: a, to: b, columns, within };
  throw new Error(`diff: ${relKey(a)}: a domain and a composite type share the name`);
}

/** True when `c` alters, drops, creates or comments the domain or composite type `key` (replaced by a recreation). */
function aboutType(c: Change, key: string): boolean {
  switch (c.kind) {
    case 'AlterDomain':
    case 'RecreateDomain':
    case 'AlterCompositeType':
      return relKey(c.to) === key;
    case 'DropDomain':
    case 'CreateDomain':
      return relKey(c.domain) === key;
    case 'DropCompositeType':
    case 'CreateCompositeType':
      return relKey(c.type) === key;
    case 'SetComment':
      return (c.target.kind === 'Domain' || c.target.kind === 'CompositeType') && relKey(c.target) === key;
    default:
      return false;
  }
}

/**
 * Domains and composite types that read a type the plan recreates (issue 9): Postgres keeps the old type
 * while they read it, so they are recreated aside too (renamed, created anew over the new type, their
 * columns converted through text, dropped before the type they read), transitively (a composite over a
 * domain over an enum). A type they read that would be dropped and created again is recreated aside
 * instead. Their other changes (alter, comment) are folded into the recreation.
 */
export function cascadeTypeRecreations(from: Catalog, to: Catalog, changes: readonly Change[]): Change[] {
  const { aside, dropCreate } = recreatedTypes(changes);
  if (aside.size === 0 && dropCreate.size === 0) return withoutConvertedRetypes(changes);
  const target = new Map<string, Domain | CompositeType>([...to.domains, ...to.compositeTypes].map((x) => [relKey(x), x]));
  const current = new Map<string, Domain | CompositeType>([...from.domains, ...from.compositeTypes].map((x) => [relKey(x), x]));
  const recreations = new Map<string, Change>();
  const readers = (x: Domain | CompositeType, pool: ReadonlyMap<string, TypeRef>) =>
    [...pool.values()].filter((t) => relKey(t) !== relKey(x) && typesRead(x).some((type) => typeReads(type, t)));
  const ranges = new Map(to.rangeTypes.map((r) => [relKey(r), r]));
  const rangeRecreations = new Map<string, Change>();
  for (let changed = true; changed;) {
    changed = false;
    // A range type over a recreated subtype is recreated aside around it (its columns converted), and so
    // are, in turn, the types reading the range or its multirange.
    for (const a of from.rangeTypes) {
      const k = relKey(a);
      const b = ranges.get(k);
      if (b === undefined || rangeRecreations.has(k) || changes.some((c) => c.kind === 'DropRangeType' && relKey(c.rangeType) === k)) continue;
      const read = [...aside.values(), ...dropCreate.values()].filter((t) => typeReads(a.subtype, t));
      if (read.length === 0) continue;
      for (const t of read) aside.set(relKey(t), t);
      rangeRecreations.set(k, { kind: 'RecreateRangeType', from: a, to: b, columns: rangeColumns(from, a), within: read });
      aside.set(k, a).set(relKey(multirangeOf(a)), multirangeOf(a));
      changed = true;
    }
    for (const [k, a] of current) {
      const b = target.get(k);
      if (b === undefined || recreations.has(k)) continue;
      const within = readers(a, aside);
      const rebuiltRead = readers(a, dropCreate);
      if (within.length === 0 && rebuiltRead.length === 0) continue;
      // A type dropped and created again that this one reads is recreated aside instead (the old one stays read).
      for (const t of rebuiltRead) aside.set(relKey(t), t);
      recreations.set(k, recreateAside(from, a, b, readers(a, aside)));
      aside.set(k, a);
      changed = true;
    }
  }
  // Types recreated aside only because others read them (dropped and created again before) get their own recreation.
  for (const k of dropCreate.keys()) {
    const a = current.get(k);
    const b = target.get(k);
    if (aside.has(k) && !recreations.has(k) && a && b) recreations.set(k, recreateAside(from, a, b, readers(a, aside)));
  }
  if (recreations.size === 0 && rangeRecreations.size === 0) return withoutConvertedRetypes(changes);
  const replaced = [...recreations.keys()];
  const out = changes.filter((c) => !replaced.some((k) => aboutType(c, k)) && !(c.kind === 'RecreateRangeType' && rangeRecreations.has(relKey(c.from))));
  out.push(...rangeRecreations.values());
  for (const [k, c] of recreations) {
    out.push(c);
    const b = target.get(k)!;
    if (b.comment !== null) out.push({ kind: 'SetComment', target: { kind: b.kind, schema: b.schema, name: b.name }, from: null, to: b.comment });
  }
  return withoutConvertedRetypes(out);
}

/**
 * A range type recreated aside under a new multirange name converts its multirange columns to the new name
 * itself: the columns' own change of type (old multirange to new) is dropped, what else changes is kept.
 */
function withoutConvertedRetypes(changes: readonly Change[]): Change[] {
  const converted = new Map<string, [string, string]>();
  for (const c of changes) {
    if (c.kind !== 'RecreateRangeType') continue;
    const [a, b] = [qualified(c.from.multirangeSchema, c.from.multirangeName), qualified(c.to.multirangeSchema, c.to.multirangeName)];
    for (const x of c.columns) converted.set(columnKey(x.schema, x.table, x.column.name), [a, b]);
  }
  if (converted.size === 0) return [...changes];
  return changes.flatMap((c): Change[] => {
    if (c.kind !== 'AlterColumn' || c.around) return [c];
    const [a, b] = converted.get(columnKey(c.schema, c.table, c.from.name)) ?? [];
    const arr = c.from.type.endsWith('[]') ? '[]' : '';
    if (a === undefined || c.from.type !== `${a}${arr}` || c.to.type !== `${b}${arr}`) return [c];
    const from = { ...c.from, type: c.to.type };
    return columnAttributesEqual(from, c.to) ? [] : [{ ...c, from }];
  });
}
