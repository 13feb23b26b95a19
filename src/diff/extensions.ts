import type { Catalog } from '../model';
import type { Change } from './changes';
import { commentChanged, matchByKey } from './match';

/** Extension changes; a `null` version on either side means "any version" and never causes an update. */
export function diffExtensions(from: Catalog, to: Catalog): Change[] {
  const m = matchByKey(from.extensions, to.extensions, (e) => e.name);
  const out: Change[] = [];
  for (const e of m.added) {
    out.push({ kind: 'CreateExtension', extension: e });
    if (e.comment !== null) out.push({ kind: 'SetComment', target: { kind: 'Extension', name: e.name }, from: null, to: e.comment });
  }
  for (const e of m.removed) out.push({ kind: 'DropExtension', extension: e });
  for (const [a, b] of m.common) {
    const versionChanged = a.version !== null && b.version !== null && a.version !== b.version;
    if (versionChanged || a.schema !== b.schema) out.push({ kind: 'AlterExtension', from: a, to: b });
    // A null target comment leaves the extension's own comment alone (declarations rarely restate it).
    if (b.comment !== null && commentChanged(a, b))
      out.push({ kind: 'SetComment', target: { kind: 'Extension', name: b.name }, from: a.comment, to: b.comment });
  }
  return out;
}
