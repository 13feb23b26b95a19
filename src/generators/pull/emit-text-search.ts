import type { TextSearchConfiguration, TextSearchDictionary } from '../../model';
import { qualified } from '../../sql';
import { schemaArgument } from './emit-programmable';
import type { Imports } from './imports';
import type { PullContext } from './pull-context';
import { pullKey } from './pull-names';
import { tsKey, tsString, tsValue } from './ts-text';

/** `textSearchDictionary(s, 'name', { template, options })`. */
export function emitTextSearchDictionary(d: TextSearchDictionary, ctx: PullContext, imports: Imports): string {
  const lines = [`  template: ${tsString(d.template)},`];
  if (d.options.length > 0) lines.push(`  options: ${tsValue(Object.fromEntries(d.options.map((o) => [o.name, o.value])))},`);
  if (d.comment !== null) lines.push(`  comment: ${tsString(d.comment)},`);
  return `${imports.lib('textSearchDictionary')}(${schemaArgument(d.schema, ctx, imports)}, ${tsString(d.name)}, {\n${lines.join('\n')}\n})`;
}

/** `textSearchConfiguration(s, 'name', { parser, mappings: { token: [dictionary, 'english_stem'] } })`: pulled dictionaries by variable. */
export function emitTextSearchConfiguration(c: TextSearchConfiguration, ctx: PullContext, imports: Imports): string {
  const dictionary = (name: string) => {
    const d = ctx.catalog.textSearchDictionaries.find((x) => qualified(x.schema, x.name) === name);
    const p = d ? ctx.names.textSearchDictionaries.get(pullKey(d.schema, d.name)) : undefined;
    return p ? imports.ref(p) : tsString(name);
  };
  const lines: string[] = [];
  if (c.parser !== 'default' && c.parser !== '"default"') lines.push(`  parser: ${tsString(c.parser)},`);
  if (c.mappings.length > 0) {
    lines.push('  mappings: {', ...c.mappings.map((m) => `    ${tsKey(m.token)}: [${m.dictionaries.map(dictionary).join(', ')}],`), '  },');
  }
  if (c.comment !== null) lines.push(`  comment: ${tsString(c.comment)},`);
  const options = lines.length === 0 ? '' : `, {\n${lines.join('\n')}\n}`;
  return `${imports.lib('textSearchConfiguration')}(${schemaArgument(c.schema, ctx, imports)}, ${tsString(c.name)}${options})`;
}
