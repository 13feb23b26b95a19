/** One option of a text search dictionary (`stopwords = 'english'`), its value unquoted. */
export interface TextSearchOption {
  readonly name: string;
  readonly value: string;
}

/** `CREATE TEXT SEARCH DICTIONARY schema.name (TEMPLATE = …, option = value, …)` (issue 9). */
export interface TextSearchDictionary {
  readonly kind: 'TextSearchDictionary';
  readonly schema: string;
  readonly name: string;
  /** The template, qualified unless pg_catalog (`simple`, `snowball`, `ispell`, `synonym`, `thesaurus`). */
  readonly template: string;
  /** Options sorted by name. */
  readonly options: readonly TextSearchOption[];
  readonly comment: string | null;
}

/** The dictionaries one token type is looked up in, in order (`ADD MAPPING FOR token WITH d1, d2`). */
export interface TextSearchMapping {
  readonly token: string;
  /** As regdictionary prints them: qualified unless pg_catalog. */
  readonly dictionaries: readonly string[];
}

/** `CREATE TEXT SEARCH CONFIGURATION schema.name (PARSER = …)` with its mappings, sorted by token type. */
export interface TextSearchConfiguration {
  readonly kind: 'TextSearchConfiguration';
  readonly schema: string;
  readonly name: string;
  /** The parser, qualified unless pg_catalog (`default`). */
  readonly parser: string;
  /**
   * Declarations only: `COPY = config`, whose mappings the configuration starts from (`mappings` then only
   * override some); introspected configurations are always parser and mappings.
   */
  readonly copy?: string;
  readonly mappings: readonly TextSearchMapping[];
  readonly comment: string | null;
}
