import type { Catalog, Column, Table, TableName } from '../model';
import { tableKey } from '../model';
import { deepEqual } from '../util';
import type { Change, InheritedColumnFacts } from './changes';

/** The parents of a table: its partition parent or its INHERITS parents. */
export function parentsOf(t: Table): readonly TableName[] {
  return t.partitionOf !== null ? [{ schema: t.partitionOf.schema, name: t.partitionOf.table }] : t.inherits;
}

/** A column with a child's own NOT NULL / DEFAULT of it (see ColumnOverride), if the child has any. */
function withOverride(x: Column, t: Table): Column {
  const o = t.columnOverrides.find((y) => y.name === x.name);
  return o === undefined ? x : { ...x, notNull: o.notNull ?? x.notNull, default: o.default === null ? x.default : o.default.expression };
}

/**
 * The columns a table gets from its parents in a catalog, recursively: the model keeps them with the
 * parents (a partition has none of its own), with the table's own NOT NULL and DEFAULT of them. Without
 * comments (those are per table) and without identity (a partition's identity is its parent's; leaving the
 * parent leaves a plain column).
 */
export function inheritedColumns(t: Table, c: Catalog, depth = 0): Column[] {
  return parentColumns(t, c, depth).map((x) => withOverride(x, t));
}

/** The columns of a table's parents (their own and inherited ones) as the parents hold them. */
function parentColumns(t: Table, c: Catalog, depth = 0): Column[] {
  if (depth > 32) return [];
  return parentsOf(t)
    .flatMap((p) => {
      const parent = c.tables.find((x) => x.schema === p.schema && x.name === p.name);
      return parent === undefined ? [] : [...inheritedColumns(parent, c, depth + 1), ...parent.columns];
    })
    .map((x) => ({ ...x, comment: null, identity: null }));
}

/** A table's inherited column as its first parent having it holds it, or undefined. */
export function parentColumnOf(t: Table, c: Catalog, name: string): Column | undefined {
  return parentColumns(t, c).find((x) => x.name === name);
}

/** Whether two tables have the same parents, in order. */
const sameParents = (a: Table, b: Table) => deepEqual(parentsOf(a).map(tableKey), parentsOf(b).map(tableKey));

const factsOf = (c: Column): InheritedColumnFacts => ({ notNull: c.notNull, default: c.default });

/**
 * The `ALTER TABLE ONLY child ALTER COLUMN …` changes that give partitions and child tables their own NOT NULL
 * and DEFAULT of inherited columns (issue 9). What a child holds when the step runs: a new child what its
 * parent has (CREATE TABLE … PARTITION OF / INHERITS copies both); a table attached or made to inherit, its
 * own column as it was; else its own facts, except those its parent changes, which ALTER TABLE on the parent
 * set on the child too (it recurses).
 */
export function diffInheritedColumns(from: Catalog, to: Catalog): Change[] {
  const before = new Map(from.tables.map((t) => [tableKey(t), t]));
  const out: Change[] = [];
  for (const b of to.tables) {
    const parent = parentsOf(b)[0];
    if (parent === undefined) continue;
    const a = before.get(tableKey(b));
    // A new child's primary key, made with it (inline or from a copy), makes its columns NOT NULL already.
    const keyed = new Set(
      a === undefined ? to.constraints.flatMap((k) => (k.kind === 'PrimaryKey' && k.schema === b.schema && k.table === b.name ? k.columns : [])) : [],
    );
    const names = new Set([...b.columnOverrides, ...(a?.columnOverrides ?? []), ...(a?.columns ?? [])].map((x) => x.name));
    for (const name of [...names].sort()) {
      const pTo = parentColumnOf(b, to, name);
      if (pTo === undefined || b.columns.some((x) => x.name === name)) continue;
      const target = factsOf(withOverride(pTo, b));
      let current = factsOf(pTo);
      let restorable = true;
      const own = a?.columns.find((x) => x.name === name);
      const pFrom = a === undefined ? undefined : parentColumnOf(a, from, name);
      if (own !== undefined) current = factsOf(own);
      else if (a === undefined && keyed.has(name)) current = { ...current, notNull: true };
      else if (a !== undefined && pFrom !== undefined) {
        const held = factsOf(withOverride(pFrom, a));
        if (!sameParents(a, b)) current = held;
        else {
          const recursed = (k: keyof InheritedColumnFacts) => pFrom[k] !== pTo[k];
          current = { notNull: recursed('notNull') ? pTo.notNull : held.notNull, default: recursed('default') ? pTo.default : held.default };
          restorable = !(['notNull', 'default'] as const).some((k) => recursed(k) && held[k] !== pFrom[k]);
        }
      }
      if (!deepEqual(current, target)) {
        out.push({ kind: 'AlterInheritedColumn', schema: b.schema, table: b.name, parent, column: name, from: current, to: target, restorable });
      }
    }
  }
  return out;
}
