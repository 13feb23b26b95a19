import { nameKey } from './name-key';

/** The key of each kind of catalog object (their form: name-key.ts). */
import { eventTriggerKey, routineKey, ruleKey, triggerKey, viewKey } from './programmable';
import { grantKey } from './type-objects';
import { foreignServerKey, foreignTableKey, publicationKey } from './replication';
import { aggregateKey } from './aggregate';
import { defaultPrivilegeKey } from './default-privilege';
import type { Catalog, CatalogObject, Column, Constraint, Index, Table, Enum, Extension, Schema } from './types';

export const schemaKey = (s: Pick<Schema, 'name'>): string => s.name;
export const extensionKey = (e: Pick<Extension, 'name'>): string => e.name;
export const relKey = (o: { schema: string; name: string }): string => nameKey(o.schema, o.name);
export const enumKey = (e: Pick<Enum, 'schema' | 'name'>): string => relKey(e);
export const tableKey = (t: Pick<Table, 'schema' | 'name'>): string => relKey(t);
/** Index names are unique per schema. */
export const indexKey = (i: Pick<Index, 'schema' | 'name'>): string => relKey(i);
/** Constraint names are unique per table. */
export const constraintKey = (c: Pick<Constraint, 'schema' | 'table' | 'name'>): string => nameKey(c.schema, c.table, c.name);
export const columnKey = (schema: string, table: string, column: string): string => nameKey(schema, table, column);

/** Human-readable key of any catalog object, used in messages and plan summaries. */
export function objectKey(o: CatalogObject): string {
  switch (o.kind) {
    case 'Schema':
      return o.name;
    case 'Extension':
      return o.name;
    case 'Enum':
    case 'Table':
    case 'Index':
    case 'Sequence':
    case 'Domain':
    case 'CompositeType':
    case 'Collation':
      return relKey(o);
    case 'PrimaryKey':
    case 'Unique':
    case 'Check':
    case 'ForeignKey':
    case 'Exclusion':
    case 'Policy':
      return constraintKey(o);
  }
}

const byStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Returns the catalog with every top-level list sorted by key (the canonical order). */
export function sortCatalog(c: Catalog): Catalog {
  const sorted = <T>(xs: readonly T[], key: (x: T) => string): T[] => [...xs].sort((a, b) => byStr(key(a), key(b)));
  return {
    kind: 'Catalog',
    schemas: sorted(c.schemas, schemaKey),
    extensions: sorted(c.extensions, extensionKey),
    enums: sorted(c.enums, enumKey),
    tables: sorted(c.tables, tableKey),
    indexes: sorted(c.indexes, indexKey),
    constraints: sorted(c.constraints, constraintKey),
    views: sorted(c.views, viewKey),
    routines: sorted(c.routines, routineKey),
    triggers: sorted(c.triggers, triggerKey),
    eventTriggers: sorted(c.eventTriggers, eventTriggerKey),
    rules: sorted(c.rules, ruleKey),
    sequences: sorted(c.sequences, relKey),
    domains: sorted(c.domains, relKey),
    compositeTypes: sorted(c.compositeTypes, relKey),
    collations: sorted(c.collations, relKey),
    aggregates: sorted(c.aggregates, aggregateKey),
    rangeTypes: sorted(c.rangeTypes, relKey),
    statistics: sorted(c.statistics, relKey),
    textSearchDictionaries: sorted(c.textSearchDictionaries, relKey),
    textSearchConfigurations: sorted(c.textSearchConfigurations, relKey),
    policies: sorted(c.policies, constraintKey),
    grants: c.grants === null ? null : sorted(c.grants, grantKey),
    publications: sorted(c.publications, publicationKey),
    foreignServers: sorted(c.foreignServers, foreignServerKey),
    foreignTables: sorted(c.foreignTables, foreignTableKey),
    ...(c.defaultPrivileges ? { defaultPrivileges: sorted(c.defaultPrivileges, defaultPrivilegeKey) } : {}),
    ...(c.expressionUses ? { expressionUses: sorted(c.expressionUses, (u) => JSON.stringify(u.owner)) } : {}),
    ...(c.partitionIndexParts ? { partitionIndexParts: sorted(c.partitionIndexParts, (k) => JSON.stringify([k.schema, k.table, k.name])) } : {}),
    ...(c.partitionKeyAttachments ? { partitionKeyAttachments: sorted(c.partitionKeyAttachments, (k) => JSON.stringify([k.schema, k.table, k.name])) } : {}),
    ...(c.incompletePartitionIndexes
      ? {
          incompletePartitionIndexes: sorted(
            c.incompletePartitionIndexes.map((x) => ({ ...x, partitions: sorted(x.partitions, relKey) })),
            (x) => JSON.stringify([x.schema, x.index]),
          ),
        }
      : {}),
  };
}

/** How a column is generated, as one comparable value: `stored …`, `virtual …` (its expression), or null. */
export const generationOf = (c: Pick<Column, 'generated' | 'virtual'>): string | null =>
  c.generated === null ? null : `${c.virtual === true ? 'virtual' : 'stored'} ${c.generated}`;
