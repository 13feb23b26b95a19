import type { Change } from '../diff';
import { relKey } from '../model';

/** What planners of single changes may know about the rest of the plan. */
export interface PlanContext {
  /** `schema.table` of the tables created by this plan: they are empty, so adding to them is harmless. */
  readonly newTables: ReadonlySet<string>;
  /** Per enum (`schema.name`), the values this plan adds in place, in plan order. */
  readonly addedEnumValues: ReadonlyMap<string, readonly string[]>;
  /** `schema.table` of the tables this plan drops. */
  readonly droppedTables: ReadonlySet<string>;
  /** Online mode (see PlanOptions): plan for a database in use. */
  readonly online: boolean;
}

/** Collects the plan-wide facts from the change list. */
export function planContext(changes: readonly Change[], options: { readonly online?: boolean } = {}): PlanContext {
  const newTables = new Set<string>();
  const addedEnumValues = new Map<string, string[]>();
  const droppedTables = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'DropTable') droppedTables.add(relKey(c.table));
    if (c.kind === 'CreateTable') newTables.add(relKey(c.table));
    if (c.kind === 'AddEnumValue') {
      const k = relKey(c.enum);
      addedEnumValues.set(k, [...(addedEnumValues.get(k) ?? []), c.value]);
    }
  }
  return { newTables, addedEnumValues, droppedTables, online: options.online ?? false };
}

/** True when the table is created by this plan. */
export function isNewTable(ctx: PlanContext, schema: string, table: string): boolean {
  return ctx.newTables.has(relKey({ schema, name: table }));
}

/** True when online mode applies to the table: the plan is online and the table exists before and after it. */
export function isOnlineTable(ctx: PlanContext, schema: string, table: string): boolean {
  const k = relKey({ schema, name: table });
  return ctx.online && !ctx.newTables.has(k) && !ctx.droppedTables.has(k);
}
