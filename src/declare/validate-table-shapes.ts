import { nameKey, type Catalog, type Table } from '../model';
import type { ValidationContext } from './validate-context';

const find = (c: Catalog, schema: string, name: string) => c.tables.find((t) => t.schema === schema && t.name === name);

/** The parents of a table (its partition parent, or its INHERITS parents). */
function parentsOf(c: Catalog, t: Table): Table[] {
  const refs = t.partitionOf ? [{ schema: t.partitionOf.schema, name: t.partitionOf.table }] : t.inherits;
  return refs.map((r) => find(c, r.schema, r.name)).filter((x): x is Table => x !== undefined);
}

/** Names of the columns a table gets from its parents, recursively (a partition has no others). */
export function inheritedColumnNames(c: Catalog, t: Table, depth = 0): string[] {
  if (depth > 32) return [];
  return parentsOf(c, t).flatMap((p) => [...p.columns.map((x) => x.name), ...inheritedColumnNames(c, p, depth + 1)]);
}

/**
 * Shape rules: a partition declares no columns and its parent is partitioned; a partitioned table or a
 * partition does not also use INHERITS (Postgres rejects both); storage parameters are not given to a
 * partitioned table (it stores nothing); inheritedColumns name columns the table inherits.
 */
export function validateTableShapes(ctx: ValidationContext): void {
  for (const t of ctx.catalog.tables) {
    const key = nameKey(t.schema, t.name);
    if (t.partitionOf !== null) {
      const parent = find(ctx.catalog, t.partitionOf.schema, t.partitionOf.table);
      if (t.columns.length > 0) ctx.report('partition-columns', key, `partition ${key} declares columns: a partition has its parent's columns, declare none`);
      if (parent !== undefined && parent.partitionBy === null) {
        ctx.report('not-partitioned', key, `${key} is declared a partition of ${t.partitionOf.schema}.${t.partitionOf.table}, which has no partitionBy`);
      }
    }
    if (t.inherits.length > 0 && (t.partitionBy !== null || t.partitionOf !== null)) {
      ctx.report('partition-inherits', key, `${key}: partitioned tables and partitions cannot use inherits`);
    }
    const inherited = new Set(inheritedColumnNames(ctx.catalog, t));
    for (const o of t.columnOverrides) {
      if (!inherited.has(o.name)) ctx.report('not-inherited', key, `${key}: inheritedColumns names ${o.name}, which it does not inherit from a parent`);
    }
    if (t.partitionBy !== null && t.storageParameters.length > 0) {
      ctx.report('partitioned-storage', key, `${key}: a partitioned table stores no rows, so it takes no storage parameters (give them to its partitions)`);
    }
  }
}
