import { c, index, sql, table, textSearchConfiguration, textSearchDictionary } from 'schemakit';

/** Options changed in place. */
export const simpleDict = textSearchDictionary('public', 'simple_dict', { template: 'simple', options: { stopwords: 'english' }, comment: 'no stop words' });

/** Copied from english, one token type mapped to the dictionary first. */
export const mySearch = textSearchConfiguration('public', 'my_search', {
  copy: 'english',
  mappings: { asciiword: [simpleDict, 'english_stem'] },
});

/** A parser and explicit mappings. */
export const bare = textSearchConfiguration('public', 'bare', { mappings: { word: ['simple'], asciiword: ['simple'] } });

export const docs = table('docs', {
  columns: { id: c.integer().primaryKey(), body: c.text() },
  indexes: (t) => [index('docs_fts').on(sql`to_tsvector('public.my_search'::regconfig, ${t.body})`).using('gin')],
});
