import { relKey, type Catalog, type Collation, type CommentTarget, type CompositeType, type Domain, type RangeType, type Sequence } from '../model';
import { qualified } from '../util';
import type { Change } from './changes';
import { diffGrants } from './grants';
import { commentChanged, matchByKey } from './match';
import { columnsOfType } from './type-usage';

interface Commented {
  readonly schema: string;
  readonly name: string;
  readonly comment: string | null;
}

/** How one kind is diffed: its create, drop and alter changes (alter: null when nothing but the comment differs). */
interface KindDiff<T extends Commented> {
  readonly target: CommentTarget['kind'] & ('Sequence' | 'Domain' | 'CompositeType' | 'Collation' | 'RangeType');
  readonly create: (x: T) => Change;
  readonly drop: (x: T) => Change;
  readonly alter: (a: T, b: T) => Change[];
  /** True when the difference cannot be altered: the object is dropped and created again. */
  readonly recreate?: (a: T, b: T) => boolean;
}

/** Create, drop, alter and comment changes of one keyed kind of type-objects.ts. */
function diffKind<T extends Commented>(from: readonly T[], to: readonly T[], k: KindDiff<T>): Change[] {
  const m = matchByKey(from, to, relKey);
  const comment = (x: T, before: string | null): Change => ({
    kind: 'SetComment',
    target: { kind: k.target, schema: x.schema, name: x.name },
    from: before,
    to: x.comment,
  });
  const out: Change[] = [];
  for (const x of m.added) {
    out.push(k.create(x));
    if (x.comment !== null) out.push(comment(x, null));
  }
  for (const x of m.removed) out.push(k.drop(x));
  for (const [a, b] of m.common) {
    if (k.recreate?.(a, b)) {
      out.push(k.drop(a), k.create(b));
      if (b.comment !== null) out.push(comment(b, null));
      continue;
    }
    const alters = k.alter(a, b);
    out.push(...alters);
    // A type recreated aside is created without its comment: it is set again.
    if (alters.some((c) => c.kind === 'RecreateDomain' || c.kind === 'RecreateRangeType')) {
      if (b.comment !== null) out.push(comment(b, null));
    } else if (commentChanged(a, b)) out.push(comment(b, a.comment));
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const withoutComment = <T extends { comment: string | null }>(x: T) => ({ ...x, comment: null });

/** Sequences: options and OWNED BY are altered in place. */
export function diffSequences(from: Catalog, to: Catalog): Change[] {
  return diffKind<Sequence>(from.sequences, to.sequences, {
    target: 'Sequence',
    create: (sequence) => ({ kind: 'CreateSequence', sequence }),
    drop: (sequence) => ({ kind: 'DropSequence', sequence }),
    alter: (a, b) => (same(withoutComment(a), withoutComment(b)) ? [] : [{ kind: 'AlterSequence', from: a, to: b }]),
  });
}

/**
 * Domains: default, NOT NULL and checks are altered in place; a different base type or collation cannot be
 * altered: an unused domain is dropped and created again, one in use recreated with its columns converted.
 */
export function diffDomains(from: Catalog, to: Catalog): Change[] {
  return diffKind<Domain>(from.domains, to.domains, {
    target: 'Domain',
    create: (domain) => ({ kind: 'CreateDomain', domain }),
    drop: (domain) => ({ kind: 'DropDomain', domain }),
    recreate: (a, b) => (a.type !== b.type || a.collation !== b.collation) && columnsOfType(from, a.schema, a.name).length === 0,
    alter: (a, b) => {
      if (a.type !== b.type || a.collation !== b.collation) return [{ kind: 'RecreateDomain', from: a, to: b, columns: columnsOfType(from, a.schema, a.name) }];
      return same(withoutComment(a), withoutComment(b)) ? [] : [{ kind: 'AlterDomain', from: a, to: b }];
    },
  });
}

/** True when dropping, retyping and appending attributes (what ALTER TYPE can do) gives b's attribute order. */
function alterableInPlace(a: CompositeType, b: CompositeType): boolean {
  const names = b.attributes.map((x) => x.name);
  const kept = a.attributes.map((x) => x.name).filter((n) => names.includes(n));
  const reached = [...kept, ...names.filter((n) => !kept.includes(n))];
  return reached.every((n, i) => n === names[i]);
}

/**
 * Composite types: attributes are added, dropped and retyped in place; when the target order cannot be
 * reached that way (ADD ATTRIBUTE appends), the type is dropped and created again.
 */
export function diffCompositeTypes(from: Catalog, to: Catalog): Change[] {
  return diffKind<CompositeType>(from.compositeTypes, to.compositeTypes, {
    target: 'CompositeType',
    recreate: (a, b) => !alterableInPlace(a, b),
    create: (type) => ({ kind: 'CreateCompositeType', type }),
    drop: (type) => ({ kind: 'DropCompositeType', type }),
    alter: (a, b) => (same(a.attributes, b.attributes) ? [] : [{ kind: 'AlterCompositeType', from: a, to: b }]),
  });
}

/** Collations cannot be altered (only renamed): any other difference drops and creates the collation again. */
export function diffCollations(from: Catalog, to: Catalog): Change[] {
  return diffKind<Collation>(from.collations, to.collations, {
    target: 'Collation',
    create: (collation) => ({ kind: 'CreateCollation', collation }),
    drop: (collation) => ({ kind: 'DropCollation', collation }),
    recreate: (a, b) => !same(withoutComment(a), withoutComment(b)),
    alter: () => [],
  });
}

/** The columns of a range type or of its multirange type (or arrays of either). */
export const rangeColumns = (cat: Catalog, r: RangeType) => [
  ...columnsOfType(cat, r.schema, r.name),
  ...columnsOfType(cat, r.multirangeSchema, r.multirangeName),
];

/** True when a domain or composite type of `cat` reads the range type or its multirange type (or arrays of them). */
function typesReadRange(cat: Catalog, r: RangeType): boolean {
  const spelled = new Set([qualified(r.schema, r.name), qualified(r.multirangeSchema, r.multirangeName)]);
  const reads = (type: string) => spelled.has(type.replace(/(\[\])+$/, ''));
  return cat.domains.some((d) => reads(d.type)) || cat.compositeTypes.some((t) => t.attributes.some((a) => reads(a.type)));
}

/**
 * Range types cannot be altered (only renamed): any other difference drops and creates the type again, with
 * the views and routines reading it around it; one that columns, domains or composite types use is recreated
 * aside (its columns converted through text).
 */
export function diffRangeTypes(from: Catalog, to: Catalog): Change[] {
  const changed = (a: RangeType, b: RangeType) => !same(withoutComment(a), withoutComment(b));
  const used = (a: RangeType) => rangeColumns(from, a).length > 0 || typesReadRange(from, a);
  return diffKind<RangeType>(from.rangeTypes, to.rangeTypes, {
    target: 'RangeType',
    create: (rangeType) => ({ kind: 'CreateRangeType', rangeType }),
    drop: (rangeType) => ({ kind: 'DropRangeType', rangeType }),
    recreate: (a, b) => changed(a, b) && !used(a),
    alter: (a, b) => (changed(a, b) ? [{ kind: 'RecreateRangeType', from: a, to: b, columns: rangeColumns(from, a) }] : []),
  });
}

/** All changes of the kinds of type-objects.ts. */
export function diffTypeObjects(from: Catalog, to: Catalog): Change[] {
  return [
    ...diffSequences(from, to),
    ...diffDomains(from, to),
    ...diffCompositeTypes(from, to),
    ...diffCollations(from, to),
    ...diffRangeTypes(from, to),
    ...diffGrants(from, to),
  ];
}
