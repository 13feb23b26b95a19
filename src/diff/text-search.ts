import { relKey, type Catalog, type TextSearchMapping } from '../model';
import { deepEqual, qualified } from '../util';
import type { Change } from './changes';
import { commentChanged, matchByKey } from './match';

type Target = 'TextSearchDictionary' | 'TextSearchConfiguration';
const comment = (kind: Target, x: { schema: string; name: string; comment: string | null }, before: string | null): Change[] =>
  before === x.comment ? [] : [{ kind: 'SetComment', target: { kind, schema: x.schema, name: x.name }, from: before, to: x.comment }];

/** Mappings without the dictionaries of `names` (user dictionaries, as regdictionary prints them: qualified); a token left with none is unmapped. */
function withoutDictionaries(mappings: readonly TextSearchMapping[], names: ReadonlySet<string>): TextSearchMapping[] {
  return mappings.map((m) => ({ ...m, dictionaries: m.dictionaries.filter((x) => !names.has(x)) })).filter((m) => m.dictionaries.length > 0);
}

/**
 * Text search dictionaries (options altered in place, a new template drops and creates) and configurations
 * (mappings altered in place, a new parser drops and creates).
 */
export function diffTextSearch(from: Catalog, to: Catalog): Change[] {
  const out: Change[] = [];
  const d = matchByKey(from.textSearchDictionaries, to.textSearchDictionaries, relKey);
  for (const x of d.removed) out.push({ kind: 'DropTextSearchDictionary', dictionary: x });
  for (const x of d.added) out.push({ kind: 'CreateTextSearchDictionary', dictionary: x }, ...comment('TextSearchDictionary', x, null));
  for (const [a, b] of d.common) {
    if (a.template !== b.template) {
      out.push(
        { kind: 'DropTextSearchDictionary', dictionary: a },
        { kind: 'CreateTextSearchDictionary', dictionary: b },
        ...comment('TextSearchDictionary', b, null),
      );
      continue;
    }
    if (!deepEqual(a.options, b.options)) out.push({ kind: 'AlterTextSearchDictionary', from: a, to: b });
    if (commentChanged(a, b)) out.push(...comment('TextSearchDictionary', b, a.comment));
  }
  const recreated = new Set(d.common.filter(([a, b]) => a.template !== b.template).map(([a]) => qualified(a.schema, a.name)));
  const c = matchByKey(from.textSearchConfigurations, to.textSearchConfigurations, relKey);
  for (const x of c.removed) out.push({ kind: 'DropTextSearchConfiguration', configuration: x });
  for (const x of c.added) out.push({ kind: 'CreateTextSearchConfiguration', configuration: x }, ...comment('TextSearchConfiguration', x, null));
  for (const [a, b] of c.common) {
    if (a.parser !== b.parser) {
      out.push(
        { kind: 'DropTextSearchConfiguration', configuration: a },
        { kind: 'CreateTextSearchConfiguration', configuration: b },
        ...comment('TextSearchConfiguration', b, null),
      );
      continue;
    }
    // Mappings to a dictionary dropped and created again are taken out before it goes, mapped again after.
    const kept = { ...a, mappings: withoutDictionaries(a.mappings, recreated) };
    if (!deepEqual(kept.mappings, a.mappings)) out.push({ kind: 'AlterTextSearchConfiguration', from: a, to: kept, unmapping: true });
    if (!deepEqual(kept.mappings, b.mappings)) out.push({ kind: 'AlterTextSearchConfiguration', from: kept, to: b });
    if (commentChanged(a, b)) out.push(...comment('TextSearchConfiguration', b, a.comment));
  }
  return out;
}
