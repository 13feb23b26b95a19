import type { TextSearchMapping } from '../model';
import { qualified } from '../sql';
import { captureLocation, type Location } from './location';
import { schemaName, type SchemaDecl } from './schema';

/** What both text search declarations share (the shape collect expects of type-object declarations). */
interface TextSearchCommon {
  readonly schema: string;
  readonly schemaDecl: SchemaDecl | null;
  readonly name: string;
  readonly comment: string | null;
  readonly renamedFrom: string | null;
  readonly location: Location | null;
}

const common = (schema: SchemaDecl | string, name: string, comment: string | undefined, renamedFrom: string | undefined): TextSearchCommon => ({
  schema: schemaName(schema),
  schemaDecl: typeof schema === 'string' ? null : schema,
  name,
  comment: comment ?? null,
  renamedFrom: renamedFrom ?? null,
  location: captureLocation(),
});

/** Options of `textSearchDictionary()`. */
export interface TextSearchDictionaryOptions {
  /** `simple`, `snowball`, `ispell`, `synonym`, `thesaurus`, or a template's qualified name. */
  readonly template: string;
  /** Template options: `{ stopwords: 'english', accept: false }`. */
  readonly options?: Readonly<Record<string, string | number | boolean>>;
  readonly comment?: string;
  /** The dictionary's previous name: `ALTER … RENAME TO` instead of drop and create. */
  readonly renamedFrom?: string;
}

/** A declared text search dictionary; map token types to it in `textSearchConfiguration()`. */
export class TextSearchDictionaryDecl {
  readonly kind = 'TextSearchDictionaryDecl' as const;
  constructor(
    readonly common: TextSearchCommon,
    readonly options: TextSearchDictionaryOptions,
  ) {
    Object.freeze(this);
  }
  toString(): string {
    return qualified(this.common.schema, this.common.name);
  }
}

/** Declares a dictionary: `textSearchDictionary(app, 'english_simple', { template: 'simple', options: { stopwords: 'english' } })`. */
export function textSearchDictionary(schema: SchemaDecl | string, name: string, options: TextSearchDictionaryOptions): TextSearchDictionaryDecl {
  return new TextSearchDictionaryDecl(common(schema, name, options.comment, options.renamedFrom), options);
}

/** A dictionary in a mapping: a declared one, or a name (`english_stem`, `simple`). */
export type DictionarySpec = string | TextSearchDictionaryDecl;

/** Options of `textSearchConfiguration()`: a parser and mappings, or a configuration to copy and the mappings it changes. */
export interface TextSearchConfigurationOptions {
  /** Default `default`. */
  readonly parser?: string;
  /** `COPY = english`: start from another configuration's parser and mappings. */
  readonly copy?: string | TextSearchConfigurationDecl;
  /** Token type → dictionaries in order: `{ asciiword: [englishSimple, 'english_stem'] }`. */
  readonly mappings?: Readonly<Record<string, readonly DictionarySpec[]>>;
  readonly comment?: string;
  /** The configuration's previous name: `ALTER … RENAME TO` instead of drop and create. */
  readonly renamedFrom?: string;
}

/** A declared text search configuration; name it in `to_tsvector()` with `${config}` as a regconfig. */
export class TextSearchConfigurationDecl {
  readonly kind = 'TextSearchConfigurationDecl' as const;
  constructor(
    readonly common: TextSearchCommon,
    readonly options: TextSearchConfigurationOptions,
  ) {
    Object.freeze(this);
  }
  toString(): string {
    return qualified(this.common.schema, this.common.name);
  }
  /** The mappings as model data, sorted by token type. */
  mappings(): TextSearchMapping[] {
    return Object.entries(this.options.mappings ?? {})
      .map(([token, dictionaries]) => ({ token, dictionaries: dictionaries.map(String) }))
      .sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
  }
  /** The dictionaries and configuration it uses that are declared (collected with it). */
  uses(): (TextSearchDictionaryDecl | TextSearchConfigurationDecl)[] {
    const dicts = Object.values(this.options.mappings ?? {}).flatMap((ds) =>
      ds.filter((d): d is TextSearchDictionaryDecl => d instanceof TextSearchDictionaryDecl),
    );
    return [...dicts, ...(this.options.copy instanceof TextSearchConfigurationDecl ? [this.options.copy] : [])];
  }
}

/** Declares a configuration: `textSearchConfiguration(app, 'english_simple', { copy: 'english', mappings: { asciiword: [dict, 'english_stem'] } })`. */
export function textSearchConfiguration(schema: SchemaDecl | string, name: string, options: TextSearchConfigurationOptions = {}): TextSearchConfigurationDecl {
  return new TextSearchConfigurationDecl(common(schema, name, options.comment, options.renamedFrom), options);
}
