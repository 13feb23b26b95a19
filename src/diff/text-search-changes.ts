import type { TextSearchConfiguration, TextSearchDictionary } from '../model';

export interface CreateTextSearchDictionary {
  readonly kind: 'CreateTextSearchDictionary';
  readonly dictionary: TextSearchDictionary;
}
export interface DropTextSearchDictionary {
  readonly kind: 'DropTextSearchDictionary';
  readonly dictionary: TextSearchDictionary;
}
/** `ALTER TEXT SEARCH DICTIONARY … (options)`: same template, other options. */
export interface AlterTextSearchDictionary {
  readonly kind: 'AlterTextSearchDictionary';
  readonly from: TextSearchDictionary;
  readonly to: TextSearchDictionary;
}
export interface CreateTextSearchConfiguration {
  readonly kind: 'CreateTextSearchConfiguration';
  readonly configuration: TextSearchConfiguration;
}
export interface DropTextSearchConfiguration {
  readonly kind: 'DropTextSearchConfiguration';
  readonly configuration: TextSearchConfiguration;
}
/**
 * `ALTER TEXT SEARCH CONFIGURATION … ADD|ALTER|DROP MAPPING`: same parser, other mappings. `unmapping`: the
 * mappings to dictionaries dropped and created again are taken out before those are dropped (another change
 * maps them again after).
 */
export interface AlterTextSearchConfiguration {
  readonly kind: 'AlterTextSearchConfiguration';
  readonly from: TextSearchConfiguration;
  readonly to: TextSearchConfiguration;
  readonly unmapping?: true;
}
export type TextSearchChange =
  | CreateTextSearchDictionary
  | DropTextSearchDictionary
  | AlterTextSearchDictionary
  | CreateTextSearchConfiguration
  | DropTextSearchConfiguration
  | AlterTextSearchConfiguration;
