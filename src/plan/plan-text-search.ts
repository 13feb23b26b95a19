import type {
  AlterTextSearchConfiguration,
  AlterTextSearchDictionary,
  CreateTextSearchConfiguration,
  CreateTextSearchDictionary,
  DropTextSearchConfiguration,
  DropTextSearchDictionary,
} from '../diff';
import { relKey, type TextSearchConfiguration } from '../model';
import {
  alterTextSearchDictionarySql,
  alterTextSearchMappingsSql,
  createTextSearchConfigurationSql,
  createTextSearchDictionarySql,
  dropTextSearchConfigurationSql,
  dropTextSearchDictionarySql,
} from '../sql';
import { restoreComment } from './comment-step';
import { schemaNode, textSearchNode, userTypeOf } from './graph-keys';
import { Phase, plannedStep, statements, type PlannedStep } from './planned-step';

const dictNode = (schema: string, name: string) => textSearchNode('TextSearchDictionary', schema, name);
const configNode = (c: { schema: string; name: string }) => textSearchNode('TextSearchConfiguration', c.schema, c.name);

/** A configuration needs the user dictionaries of its mappings and a configuration it copies. */
function configNeeds(c: TextSearchConfiguration): string[] {
  const names = [...new Set(c.mappings.flatMap((m) => m.dictionaries))].flatMap((d) => {
    const u = userTypeOf(d);
    return u === null ? [] : [dictNode(u.schema, u.name)];
  });
  const copy = c.copy === undefined ? null : userTypeOf(c.copy);
  return [schemaNode(c.schema), ...names, ...(copy === null ? [] : [configNode(copy)])];
}

/** CREATE TEXT SEARCH DICTIONARY, before the configurations mapping to it. */
export function planCreateTextSearchDictionary(c: CreateTextSearchDictionary): PlannedStep[] {
  const d = c.dictionary;
  const node = dictNode(d.schema, d.name);
  return [
    plannedStep(c, {
      sql: createTextSearchDictionarySql(d),
      reverse: dropTextSearchDictionarySql(d),
      object: relKey(d),
      op: '+',
      phase: Phase.Extension,
      creates: [node],
      needs: [schemaNode(d.schema)],
    }),
  ];
}

/** DROP TEXT SEARCH DICTIONARY, after the configurations mapping to it. */
export function planDropTextSearchDictionary(c: DropTextSearchDictionary): PlannedStep[] {
  const d = c.dictionary;
  return [
    plannedStep(c, {
      sql: dropTextSearchDictionarySql(d),
      reverse: statements(createTextSearchDictionarySql(d), restoreComment({ kind: 'TextSearchDictionary', schema: d.schema, name: d.name }, d.comment)),
      object: relKey(d),
      op: '-',
      phase: Phase.DropExtension,
      drops: [dictNode(d.schema, d.name)],
      needs: [schemaNode(d.schema)],
    }),
  ];
}

/** ALTER TEXT SEARCH DICTIONARY (options). */
export function planAlterTextSearchDictionary(c: AlterTextSearchDictionary): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: alterTextSearchDictionarySql(c.from, c.to),
      reverse: alterTextSearchDictionarySql(c.to, c.from),
      object: relKey(c.to),
      op: '~',
      phase: Phase.Extension,
      needs: [dictNode(c.to.schema, c.to.name)],
    }),
  ];
}

/** CREATE TEXT SEARCH CONFIGURATION with its mappings, after its dictionaries. */
export function planCreateTextSearchConfiguration(c: CreateTextSearchConfiguration): PlannedStep[] {
  const x = c.configuration;
  return [
    plannedStep(c, {
      sql: statements(...createTextSearchConfigurationSql(x)),
      reverse: dropTextSearchConfigurationSql(x),
      object: relKey(x),
      op: '+',
      phase: Phase.Extension,
      creates: [configNode(x)],
      needs: configNeeds(x),
    }),
  ];
}

/** DROP TEXT SEARCH CONFIGURATION, before its dictionaries. */
export function planDropTextSearchConfiguration(c: DropTextSearchConfiguration): PlannedStep[] {
  const x = c.configuration;
  return [
    plannedStep(c, {
      sql: dropTextSearchConfigurationSql(x),
      reverse: statements(
        ...createTextSearchConfigurationSql(x),
        restoreComment({ kind: 'TextSearchConfiguration', schema: x.schema, name: x.name }, x.comment),
      ),
      object: relKey(x),
      op: '-',
      phase: Phase.DropExtension,
      drops: [configNode(x)],
      needs: configNeeds(x),
    }),
  ];
}

/**
 * ALTER TEXT SEARCH CONFIGURATION … DROP / ALTER / ADD MAPPING; the reverse maps back. Taking out the mappings
 * to dictionaries that are dropped and created again is ordered like a drop: before the dictionaries go.
 */
export function planAlterTextSearchConfiguration(c: AlterTextSearchConfiguration): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: statements(...alterTextSearchMappingsSql(c.from, c.to)),
      reverse: statements(...alterTextSearchMappingsSql(c.to, c.from)),
      object: relKey(c.to),
      op: c.unmapping ? '-' : '~',
      phase: c.unmapping ? Phase.DropExtension : Phase.Extension,
      needs: c.unmapping ? configNeeds(c.from) : [configNode(c.to), ...configNeeds(c.to), ...configNeeds(c.from)],
    }),
  ];
}
