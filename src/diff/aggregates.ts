import { aggregateKey, type Aggregate, type Catalog } from '../model';
import { deepEqual } from '../util';
import { dependsOnAny, routineDependencyKey } from './dependents';
import type { Change } from './changes';
import { commentChanged, matchByKey, type Matched } from './match';

type Fate = 'same' | 'replace' | 'recreate';

const sameDefinition = (a: Aggregate, b: Aggregate) => deepEqual({ ...a, comment: null, dependsOn: null }, { ...b, comment: null, dependsOn: null });

/**
 * OR REPLACE may not change the argument types, their number of direct arguments nor the result type (the
 * final function's, else the state type's): same arguments and kind, and the same final function (or none,
 * with the same state type).
 */
const replaceable = (a: Aggregate, b: Aggregate) =>
  a.args === b.args && a.aggregateKind === b.aggregateKind && a.final?.function === b.final?.function && (a.final !== null || a.stype === b.stype);

/** How the aggregates of two catalogs pair up, and the fate of each common one before dependencies. */
export interface AggregateFates {
  readonly matched: Matched<Aggregate>;
  readonly fate: Map<string, Fate>;
}

/** Matches the aggregates; removed ones invalidate what reads them (`invalid`, see dependents.ts). */
export function matchAggregates(from: Catalog, to: Catalog, invalid: Set<string>): AggregateFates {
  const matched = matchByKey(from.aggregates, to.aggregates, aggregateKey);
  const fate = new Map<string, Fate>(
    matched.common.map(([a, b]) => [aggregateKey(a), sameDefinition(a, b) ? 'same' : replaceable(a, b) ? 'replace' : 'recreate']),
  );
  for (const a of matched.removed) invalid.add(routineDependencyKey(a.schema, a.name, a.identityArgs));
  return { matched, fate };
}

/**
 * One round of the dependents' fixpoint: an aggregate whose support function or state type is recreated is
 * recreated too, and then invalidates the views and routines calling it. True when `invalid` grew.
 */
export function settleAggregates(f: AggregateFates, invalid: Set<string>): boolean {
  let changed = false;
  for (const [a] of f.matched.common) {
    const k = aggregateKey(a);
    if (f.fate.get(k) !== 'recreate' && dependsOnAny(a.dependsOn, invalid)) f.fate.set(k, 'recreate');
    const key = routineDependencyKey(a.schema, a.name, a.identityArgs);
    if (f.fate.get(k) === 'recreate' && !invalid.has(key)) {
      invalid.add(key);
      changed = true;
    }
  }
  return changed;
}

/** The changes of the aggregates once their fates are settled (a created one carries its comment, see planCreateAggregate). */
export function aggregateChanges(f: AggregateFates): Change[] {
  const target = (x: Aggregate) => ({ kind: 'Aggregate' as const, schema: x.schema, name: x.name, identityArgs: x.identityArgs, args: x.args });
  const comment = (x: Aggregate, from: string | null) => ({ kind: 'SetComment' as const, target: target(x), from, to: x.comment });
  const out: Change[] = [];
  for (const a of f.matched.removed) out.push({ kind: 'DropAggregate', aggregate: a });
  for (const b of f.matched.added) out.push({ kind: 'CreateAggregate', aggregate: b });
  for (const [a, b] of f.matched.common) {
    const fate = f.fate.get(aggregateKey(a));
    if (fate === 'recreate') out.push({ kind: 'DropAggregate', aggregate: a }, { kind: 'CreateAggregate', aggregate: b });
    else if (fate === 'replace') out.push({ kind: 'ReplaceAggregate', from: a, to: b });
    if (fate !== 'recreate' && commentChanged(a, b)) out.push(comment(b, a.comment));
  }
  return out;
}
