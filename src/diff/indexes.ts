import { indexKey, type Catalog, type Index } from '../model';
import { deepEqual } from '../util';
import type { Change } from './changes';
import { commentChanged, matchByKey } from './match';

/** Index changes. A changed definition is a drop and a create. */
export function diffIndexes(from: Catalog, to: Catalog): Change[] {
  const m = matchByKey(from.indexes, to.indexes, indexKey);
  const out: Change[] = [];
  const comment = (i: Index, before: string | null): Change[] =>
    before !== i.comment ? [{ kind: 'SetComment', target: { kind: 'Index', schema: i.schema, name: i.name }, from: before, to: i.comment }] : [];
  // Indexes of dropped tables are dropped explicitly too, so that the reverse (down) recreates them.
  for (const i of m.removed) out.push({ kind: 'DropIndex', index: i });
  for (const i of m.added) out.push({ kind: 'CreateIndex', index: i }, ...comment(i, null));
  for (const [a, b] of m.common) {
    if (!deepEqual(a, b, 'comment')) {
      out.push({ kind: 'DropIndex', index: a }, { kind: 'CreateIndex', index: b }, ...comment(b, null));
    } else if (commentChanged(a, b)) out.push(...comment(b, a.comment));
  }
  return out;
}
