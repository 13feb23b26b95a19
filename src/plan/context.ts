import type { Change } from '../diff';
import { relKey } from '../model';

/** What planners of single changes may know about the rest of the plan. */
export interface PlanContext {
  /** `schema.table` of the tables created by this plan: they are empty, so adding to them is harmless. */
  readonly newTables: ReadonlySet<string>;
  /** Per enum (`schema.name`), the values this plan adds in place, in plan order. */
  readonly addedEnumValues: ReadonlyMap<string, readonly string[]>;
}

/** Collects the plan-wide facts from the change list. */
export function planContext(changes: readonly Change[]): PlanContext {
  const newTables = new Set<string>();
  const addedEnumValues = new Map<string, string[]>();
  for (const c of changes) {
    if (c.kind === 'CreateTable') newTables.add(relKey(c.table));
    if (c.kind === 'AddEnumValue') {
      const k = relKey(c.enum);
      addedEnumValues.set(k, [...(addedEnumValues.get(k) ?? []), c.value]);
    }
  }
  return { newTables, addedEnumValues };
}

/** True when the table is created by this plan. */
export function isNewTable(ctx: PlanContext, schema: string, table: string): boolean {
  return ctx.newTables.has(relKey({ schema, name: table }));
}
