import type { TextSearchConfiguration, TextSearchDictionary, TextSearchMapping } from '../model';
import { ident, literal, qualified } from './quote';

const dictOptions = (d: Pick<TextSearchDictionary, 'options'>) => d.options.map((o) => `${ident(o.name)} = ${literal(o.value)}`);

/** `CREATE TEXT SEARCH DICTIONARY s.name (TEMPLATE = t, option = 'value', …)`. */
export function createTextSearchDictionarySql(d: TextSearchDictionary): string {
  return `CREATE TEXT SEARCH DICTIONARY ${qualified(d.schema, d.name)} (${[`TEMPLATE = ${d.template}`, ...dictOptions(d)].join(', ')})`;
}

/** `ALTER TEXT SEARCH DICTIONARY s.name (option = 'value', removed_option)`: an option without a value is reset. */
export function alterTextSearchDictionarySql(from: TextSearchDictionary, to: TextSearchDictionary): string {
  const removed = from.options.filter((o) => !to.options.some((x) => x.name === o.name)).map((o) => ident(o.name));
  return `ALTER TEXT SEARCH DICTIONARY ${qualified(to.schema, to.name)} (${[...dictOptions(to), ...removed].join(', ')})`;
}

/** `DROP TEXT SEARCH DICTIONARY s.name`. */
export function dropTextSearchDictionarySql(d: Pick<TextSearchDictionary, 'schema' | 'name'>): string {
  return `DROP TEXT SEARCH DICTIONARY ${qualified(d.schema, d.name)}`;
}

/** Token types with the same dictionaries, in one `… MAPPING FOR a, b WITH d1, d2` each. */
function grouped(mappings: readonly TextSearchMapping[]): { tokens: string[]; dictionaries: string }[] {
  const groups = new Map<string, string[]>();
  for (const m of mappings) {
    const key = m.dictionaries.join(', ');
    groups.set(key, [...(groups.get(key) ?? []), ident(m.token)]);
  }
  return [...groups].map(([dictionaries, tokens]) => ({ tokens, dictionaries }));
}

const alterConfig = (c: Pick<TextSearchConfiguration, 'schema' | 'name'>, action: string) =>
  `ALTER TEXT SEARCH CONFIGURATION ${qualified(c.schema, c.name)} ${action}`;

/**
 * `CREATE TEXT SEARCH CONFIGURATION s.name (PARSER = p)` and its mappings (`ADD MAPPING`), or for a declared
 * `COPY = other`, the copy and the mappings it overrides (`ALTER MAPPING`).
 */
export function createTextSearchConfigurationSql(c: TextSearchConfiguration): string[] {
  const source = c.copy !== undefined ? `COPY = ${c.copy}` : `PARSER = ${c.parser}`;
  const verb = c.copy !== undefined ? 'ALTER' : 'ADD';
  return [
    `CREATE TEXT SEARCH CONFIGURATION ${qualified(c.schema, c.name)} (${source})`,
    ...grouped(c.mappings).map((g) => alterConfig(c, `${verb} MAPPING FOR ${g.tokens.join(', ')} WITH ${g.dictionaries}`)),
  ];
}

/** The mapping changes from one configuration to another: DROP, ALTER and ADD MAPPING statements. */
export function alterTextSearchMappingsSql(from: TextSearchConfiguration, to: TextSearchConfiguration): string[] {
  const before = new Map(from.mappings.map((m) => [m.token, m.dictionaries.join(', ')]));
  const after = new Map(to.mappings.map((m) => [m.token, m.dictionaries.join(', ')]));
  const dropped = [...before.keys()].filter((t) => !after.has(t));
  const changed = to.mappings.filter((m) => before.has(m.token) && before.get(m.token) !== after.get(m.token));
  const added = to.mappings.filter((m) => !before.has(m.token));
  return [
    ...(dropped.length > 0 ? [alterConfig(to, `DROP MAPPING FOR ${dropped.map(ident).join(', ')}`)] : []),
    ...grouped(changed).map((g) => alterConfig(to, `ALTER MAPPING FOR ${g.tokens.join(', ')} WITH ${g.dictionaries}`)),
    ...grouped(added).map((g) => alterConfig(to, `ADD MAPPING FOR ${g.tokens.join(', ')} WITH ${g.dictionaries}`)),
  ];
}

/** `DROP TEXT SEARCH CONFIGURATION s.name`. */
export function dropTextSearchConfigurationSql(c: Pick<TextSearchConfiguration, 'schema' | 'name'>): string {
  return `DROP TEXT SEARCH CONFIGURATION ${qualified(c.schema, c.name)}`;
}
