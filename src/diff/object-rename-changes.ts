/** The kinds renamed by `RenameObject` (see diff/object-renames.ts). */
export type RenamedObjectKind = 'ForeignServer' | 'Publication' | 'TextSearchDictionary' | 'TextSearchConfiguration' | 'Statistics';

/** `ALTER SERVER|PUBLICATION|TEXT SEARCH DICTIONARY|TEXT SEARCH CONFIGURATION|STATISTICS … RENAME TO`. */
export interface RenameObject {
  readonly kind: 'RenameObject';
  readonly object: RenamedObjectKind;
  /** Null for the database-level kinds (servers, publications). */
  readonly schema: string | null;
  readonly from: string;
  readonly to: string;
}

/** `ALTER FOREIGN TABLE … RENAME COLUMN`. */
export interface RenameForeignColumn {
  readonly kind: 'RenameForeignColumn';
  readonly schema: string;
  readonly table: string;
  readonly from: string;
  readonly to: string;
}
