import type { Catalog } from '../model';
import type { Change } from './changes';
import { commentChanged, matchByKey } from './match';

/**
 * `public` exists in every new database: it is never created or dropped implicitly. When the target does not
 * mention it, it is left as it is (comment included).
 */
export const DEFAULT_SCHEMA = 'public';

/** Schema changes: create/drop namespaces and their comments. */
export function diffSchemas(from: Catalog, to: Catalog): Change[] {
  const target = to.schemas.some((s) => s.name === DEFAULT_SCHEMA) ? to.schemas : [...to.schemas, ...from.schemas.filter((s) => s.name === DEFAULT_SCHEMA)];
  const m = matchByKey(from.schemas, target, (s) => s.name);
  const out: Change[] = [];
  for (const s of m.added) {
    out.push({ kind: 'CreateSchema', schema: s });
    if (s.comment !== null) out.push({ kind: 'SetComment', target: { kind: 'Schema', name: s.name }, from: null, to: s.comment });
  }
  for (const s of m.removed) out.push({ kind: 'DropSchema', schema: s });
  for (const [a, b] of m.common) {
    if (commentChanged(a, b)) out.push({ kind: 'SetComment', target: { kind: 'Schema', name: b.name }, from: a.comment, to: b.comment });
  }
  return out;
}
