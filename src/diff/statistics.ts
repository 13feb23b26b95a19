import { relKey, type Catalog, type Statistics } from '../model';
import { deepEqual } from '../util';
import type { Change } from './changes';
import { commentChanged, matchByKey } from './match';

/**
 * Extended statistics: only the target can be altered; a different table, kinds, columns or expressions drop
 * and create them. Those of a dropped table are dropped explicitly, so that the reverse recreates them.
 */
export function diffStatistics(from: Catalog, to: Catalog): Change[] {
  const m = matchByKey(from.statistics, to.statistics, relKey);
  const comment = (x: Statistics, before: string | null): Change[] =>
    before === x.comment ? [] : [{ kind: 'SetComment', target: { kind: 'Statistics', schema: x.schema, name: x.name }, from: before, to: x.comment }];
  const out: Change[] = [];
  for (const x of m.removed) out.push({ kind: 'DropStatistics', statistics: x });
  for (const x of m.added) out.push({ kind: 'CreateStatistics', statistics: x }, ...comment(x, null));
  for (const [a, b] of m.common) {
    if (!deepEqual({ ...a, target: null, comment: null }, { ...b, target: null, comment: null })) {
      out.push({ kind: 'DropStatistics', statistics: a }, { kind: 'CreateStatistics', statistics: b }, ...comment(b, null));
      continue;
    }
    if (a.target !== b.target) out.push({ kind: 'AlterStatistics', from: a, to: b });
    if (commentChanged(a, b)) out.push(...comment(b, a.comment));
  }
  return out;
}
