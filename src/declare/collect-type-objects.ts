import {
  nameKey,
  type Collation,
  type CompositeType,
  type Domain,
  type Grant,
  type RangeType,
  type Sequence,
  type TextSearchConfiguration,
  type TextSearchDictionary,
} from '../model';
import { qualified } from '../sql';
import { GrantDecl } from './grant';
import type { Problem } from '../util';
import { renderCollation, type Sink } from './build-table';
import { TextSearchConfigurationDecl, TextSearchDictionaryDecl } from './text-search';
import { CollationDecl, CompositeTypeDecl, DomainDecl, RangeTypeDecl, SequenceDecl } from './type-decls';

/** Declarations of type-decls.ts. */
export type TypeObjectDecl =
  SequenceDecl | DomainDecl | CompositeTypeDecl | CollationDecl | RangeTypeDecl | GrantDecl | TextSearchDictionaryDecl | TextSearchConfigurationDecl;

export const isTypeObjectDecl = (v: unknown): v is TypeObjectDecl =>
  v instanceof SequenceDecl ||
  v instanceof DomainDecl ||
  v instanceof CompositeTypeDecl ||
  v instanceof CollationDecl ||
  v instanceof RangeTypeDecl ||
  v instanceof TextSearchDictionaryDecl ||
  v instanceof TextSearchConfigurationDecl ||
  v instanceof GrantDecl;

/** The model lists built from type-object declarations. */
export interface TypeObjects {
  readonly sequences: Sequence[];
  readonly domains: Domain[];
  readonly compositeTypes: CompositeType[];
  readonly collations: Collation[];
  readonly rangeTypes: RangeType[];
  readonly textSearchDictionaries: TextSearchDictionary[];
  readonly textSearchConfigurations: TextSearchConfiguration[];
  /** Null unless privileges are declared (or `managePrivileges()`). */
  grants: Grant[] | null;
}

/** The OWNED BY column of a sequence declaration, adding a problem when its thunk fails or names another schema. */
function ownerOf(d: SequenceDecl, problems: Problem[]): Sequence['ownedBy'] {
  const thunk = d.options.ownedBy;
  if (thunk === undefined) return null;
  const object = `${d.common.schema}.${d.common.name}`;
  const fail = (message: string) => {
    problems.push({ code: 'invalid-reference', message, object, ...(d.common.location ? { location: d.common.location } : {}) });
    return null;
  };
  try {
    const ref = thunk();
    if (ref === undefined || ref === null || typeof ref.table !== 'string')
      return fail('OWNED BY is not a column reference (not imported, or an import cycle?)');
    if (ref.schema !== d.common.schema) return fail(`OWNED BY ${ref.schema}.${ref.table}.${ref.name}: a sequence must be in the schema of its owning table`);
    return { table: ref.table, column: ref.name };
  } catch (err) {
    return fail(`OWNED BY could not be evaluated: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Turns type-object declarations into model objects, recording locations and rename intents in the sink. */
export function collectTypeObjects(decls: readonly TypeObjectDecl[], sink: Sink, problems: Problem[]): TypeObjects {
  const out: TypeObjects = {
    sequences: [],
    domains: [],
    compositeTypes: [],
    collations: [],
    rangeTypes: [],
    textSearchDictionaries: [],
    textSearchConfigurations: [],
    grants: null,
  };
  const r = sink.renames.typeObjects;
  for (const d of decls) {
    if (d instanceof GrantDecl) {
      out.grants = [...(out.grants ?? []), ...d.grants];
      continue;
    }
    const { schema, name, comment, renamedFrom, location } = d.common;
    sink.locate(nameKey(schema, name), location);
    if (d instanceof SequenceDecl) {
      out.sequences.push({ kind: 'Sequence', schema, name, ...d.resolved(), ownedBy: ownerOf(d, problems), comment });
      if (renamedFrom !== null) r.sequences.push({ schema, from: renamedFrom, to: name });
    } else if (d instanceof DomainDecl) {
      const { checks, renames } = d.checks();
      const collation = d.options.collation === undefined ? null : renderCollation(d.options.collation);
      out.domains.push({
        kind: 'Domain',
        schema,
        name,
        type: d.type,
        collation,
        default: d.defaultSql(),
        notNull: d.options.notNull ?? false,
        checks,
        comment,
      });
      if (renamedFrom !== null) r.types.push({ schema, from: renamedFrom, to: name });
      for (const x of renames) r.members.push({ schema, type: name, ...x });
    } else if (d instanceof CompositeTypeDecl) {
      const { attributes, renames } = d.modelAttributes(renderCollation);
      out.compositeTypes.push({ kind: 'CompositeType', schema, name, attributes, comment });
      if (renamedFrom !== null) r.types.push({ schema, from: renamedFrom, to: name });
      for (const x of renames) r.members.push({ schema, type: name, ...x });
    } else if (d instanceof TextSearchDictionaryDecl) {
      const options = Object.entries(d.options.options ?? {})
        .map(([k, v]) => ({ name: k.toLowerCase(), value: String(v) }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      out.textSearchDictionaries.push({ kind: 'TextSearchDictionary', schema, name, template: d.options.template, options, comment });
      if (renamedFrom !== null) sink.renames.objects.textSearchDictionaries.push({ schema, from: renamedFrom, to: name });
    } else if (d instanceof TextSearchConfigurationDecl) {
      const copy = d.options.copy === undefined ? {} : { copy: String(d.options.copy) };
      out.textSearchConfigurations.push({
        kind: 'TextSearchConfiguration',
        schema,
        name,
        parser: d.options.parser ?? 'default',
        ...copy,
        mappings: d.mappings(),
        comment,
      });
      if (renamedFrom !== null) sink.renames.objects.textSearchConfigurations.push({ schema, from: renamedFrom, to: name });
    } else if (d instanceof RangeTypeDecl) {
      const o = d.options;
      const diff = o.subtypeDiff;
      out.rangeTypes.push({
        kind: 'RangeType',
        schema,
        name,
        subtype: d.subtype,
        subtypeOpclass: o.subtypeOpclass ?? null,
        collation: o.collation === undefined ? null : renderCollation(o.collation),
        canonical: o.canonical ?? null,
        subtypeDiff: diff === undefined ? null : typeof diff === 'string' ? diff : qualified(diff.schema, diff.name),
        multirangeSchema: o.multirangeSchema ?? schema,
        multirangeName: d.multirangeName(),
        comment,
      });
    } else {
      const o = d.options;
      const provider = o.provider ?? 'libc';
      const libc = provider === 'libc';
      out.collations.push({
        kind: 'Collation',
        schema,
        name,
        provider,
        locale: libc ? null : (o.locale ?? null),
        lcCollate: libc ? (o.lcCollate ?? o.locale ?? null) : null,
        lcCtype: libc ? (o.lcCtype ?? o.locale ?? null) : null,
        deterministic: o.deterministic ?? true,
        comment,
      });
      if (renamedFrom !== null) r.collations.push({ schema, from: renamedFrom, to: name });
    }
  }
  return out;
}
