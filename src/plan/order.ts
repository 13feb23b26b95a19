import { SchemakitError, topoSort, must } from '../util';
import type { PlannedStep } from './planned-step';

/**
 * Orders steps by their dependency graph (pg-schema-diff style). Edges, all explicit data:
 * - a drop of a key comes before a create of the same key (drop and re-create, renames into a freed name);
 * - a step that needs a key comes after the step creating it, or, when the key is only dropped (or the
 *   step is itself a drop), before the step dropping it;
 * - a step that follows a key (an object rebuilt around a routine) comes after the steps creating and dropping it;
 * - the steps of one change keep their order.
 * Ties are broken by phase, then by input order (topoSort is stable).
 */
export function orderSteps(groups: readonly (readonly PlannedStep[])[]): PlannedStep[] {
  const flat = groups.flatMap((g, gi) => g.map((s, si) => ({ s, gi, si })));
  flat.sort((a, b) => a.s.phase - b.s.phase || a.gi - b.gi || a.si - b.si);
  const steps = flat.map((x) => x.s);
  const creators = new Map<string, number[]>();
  const removers = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, k: string, i: number) => {
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  };
  steps.forEach((s, i) => {
    for (const k of s.creates) push(creators, k, i);
    for (const k of s.drops) push(removers, k, i);
  });
  const before = new Map<number, Set<number>>();
  const edge = (first: number, then: number) => {
    if (first === then) return;
    let set = before.get(then);
    if (!set) before.set(then, (set = new Set()));
    set.add(first);
  };
  for (const [k, rs] of removers) for (const c of creators.get(k) ?? []) for (const r of rs) edge(r, c);
  steps.forEach((s, i) => {
    for (const k of s.needs) {
      const cs = creators.get(k) ?? [];
      const rs = removers.get(k) ?? [];
      if (cs.length > 0 && (s.step.op !== '-' || rs.length === 0)) for (const c of cs) edge(c, i);
      else for (const r of rs) edge(i, r);
    }
    for (const k of s.precedes) for (const r of removers.get(k) ?? []) edge(i, r);
    for (const k of s.follows ?? []) for (const x of [...(creators.get(k) ?? []), ...(removers.get(k) ?? [])]) edge(x, i);
  });
  const lastOfGroup = new Map<number, number>();
  flat.forEach((x, i) => {
    const prev = lastOfGroup.get(x.gi);
    if (prev !== undefined) edge(prev, i);
    lastOfGroup.set(x.gi, i);
  });
  let order: number[];
  try {
    order = topoSort(steps.length, before);
  } catch (e) {
    const detail = steps
      .filter((_, i) => (before.get(i)?.size ?? 0) > 0)
      .slice(0, 5)
      .map((s) => s.step.sql.split('\n')[0])
      .join('; ');
    throw new SchemakitError('plan', 'dependency-cycle', `the steps cannot be ordered (${(e as Error).message}); e.g. ${detail}`, { cause: e });
  }
  return order.map((i) => must(steps[i], `ordered step ${i}`));
}
