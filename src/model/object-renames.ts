/**
 * Rename intents of foreign servers, publications, text search dictionaries and configurations, extended
 * statistics, and foreign tables' columns (from `renamedFrom` in declarations); each list may be absent.
 */
export interface ObjectRenames {
  readonly foreignServers?: readonly { readonly from: string; readonly to: string }[];
  readonly publications?: readonly { readonly from: string; readonly to: string }[];
  readonly textSearchDictionaries?: readonly { readonly schema: string; readonly from: string; readonly to: string }[];
  readonly textSearchConfigurations?: readonly { readonly schema: string; readonly from: string; readonly to: string }[];
  readonly statistics?: readonly { readonly schema: string; readonly from: string; readonly to: string }[];
  /** Columns of foreign tables, keyed by the table's new name. */
  readonly foreignColumns?: readonly { readonly schema: string; readonly table: string; readonly from: string; readonly to: string }[];
}
