import type { Catalog, CompositeType, Domain } from '../../model';
import { qualified } from '../../sql';
import { routinePath, tablePath, typePath } from './markdown';
import { tableLabel, typeLinkOf, type LinkView } from './table-view';

/**
 * Pages of domains and composite types, the links from a column's type to the page of its enum, domain or
 * composite type, and the database-wide event triggers. Pure: a sorted catalog in, plain data out.
 */

/** Where a type is used: a table column, a composite type's attribute, or a domain over it. */
export interface TypeUseView {
  readonly object: LinkView;
  readonly kind: 'column' | 'attribute' | 'domain';
  readonly column: string | null;
  readonly type: string;
}

/** A domain's page. */
export interface DomainPage {
  readonly schema: string;
  readonly name: string;
  readonly qualifiedName: string;
  readonly path: string;
  readonly type: string;
  readonly typeLink: LinkView | null;
  readonly collation: string | null;
  readonly notNull: boolean;
  readonly default: string | null;
  readonly checks: readonly { readonly name: string; readonly expression: string }[];
  readonly comment: string | null;
  readonly usedBy: readonly TypeUseView[];
}

/** A composite type's page. */
export interface CompositePage {
  readonly schema: string;
  readonly name: string;
  readonly qualifiedName: string;
  readonly path: string;
  readonly attributes: readonly {
    readonly position: number;
    readonly name: string;
    readonly type: string;
    readonly typeLink: LinkView | null;
    readonly collation: string | null;
  }[];
  readonly comment: string | null;
  readonly usedBy: readonly TypeUseView[];
}

/** An event trigger as the overview lists it. */
export interface EventTriggerView {
  readonly name: string;
  readonly event: string;
  readonly tags: readonly string[];
  readonly function: LinkView;
  readonly functionLinked: boolean;
  readonly enabled: string;
  readonly comment: string | null;
}

const elementType = (type: string): string => type.replace(/(\[\])+$/, '');

/** Columns, composite attributes and domains whose type is `schema.name` (or an array of it). */
function usesOf(catalog: Catalog, schema: string, name: string): TypeUseView[] {
  const q = qualified(schema, name);
  const is = (type: string) => elementType(type) === q;
  return [
    ...catalog.tables.flatMap((t) =>
      t.columns
        .filter((c) => is(c.type))
        .map((c): TypeUseView => ({
          object: { label: tableLabel(t.schema, t.name, schema), path: tablePath(t.schema, t.name) },
          kind: 'column',
          column: c.name,
          type: c.type,
        })),
    ),
    ...catalog.compositeTypes.flatMap((ct) =>
      ct.attributes
        .filter((a) => is(a.type))
        .map((a): TypeUseView => ({
          object: { label: tableLabel(ct.schema, ct.name, schema), path: typePath(ct.schema, ct.name) },
          kind: 'attribute',
          column: a.name,
          type: a.type,
        })),
    ),
    ...catalog.domains
      .filter((d) => is(d.type))
      .map((d): TypeUseView => ({
        object: { label: tableLabel(d.schema, d.name, schema), path: typePath(d.schema, d.name) },
        kind: 'domain',
        column: null,
        type: d.type,
      })),
  ];
}

/** A domain's page data. */
export function buildDomainPage(catalog: Catalog, d: Domain): DomainPage {
  return {
    schema: d.schema,
    name: d.name,
    qualifiedName: `${d.schema}.${d.name}`,
    path: typePath(d.schema, d.name),
    type: d.type,
    typeLink: typeLinkOf(catalog, d.type),
    collation: d.collation,
    notNull: d.notNull,
    default: d.default,
    checks: d.checks.map((c) => ({ name: c.name, expression: c.expression })),
    comment: d.comment,
    usedBy: usesOf(catalog, d.schema, d.name),
  };
}

/** A composite type's page data. */
export function buildCompositePage(catalog: Catalog, c: CompositeType): CompositePage {
  return {
    schema: c.schema,
    name: c.name,
    qualifiedName: `${c.schema}.${c.name}`,
    path: typePath(c.schema, c.name),
    attributes: c.attributes.map((a, i) => ({ position: i + 1, name: a.name, type: a.type, typeLink: typeLinkOf(catalog, a.type), collation: a.collation })),
    comment: c.comment,
    usedBy: usesOf(catalog, c.schema, c.name),
  };
}

const enabledText = { O: 'enabled', D: 'disabled', R: 'replica only', A: 'always' } as const;

/** The event triggers (database-wide), with a link to their function's page when it is documented. */
export function buildEventTriggers(catalog: Catalog): EventTriggerView[] {
  return catalog.eventTriggers.map((t) => {
    const fn = catalog.routines.find((r) => r.schema === t.functionSchema && r.name === t.functionName && r.identityArgs === '');
    const overloaded = catalog.routines.filter((r) => r.schema === t.functionSchema && r.name === t.functionName).length > 1;
    return {
      name: t.name,
      event: t.event,
      tags: t.tags,
      function: { label: `${t.functionSchema}.${t.functionName}()`, path: fn ? routinePath(fn.schema, fn.name, fn.identityArgs, overloaded) : '' },
      functionLinked: fn !== undefined,
      enabled: enabledText[t.enabled],
      comment: t.comment,
    };
  });
}
