import { c, extension, foreignServer, foreignTable, index, publication, sql, statistics, table, textSearchConfiguration, textSearchDictionary } from 'schemakit';

export const fileFdw = extension('file_fdw');

export const csvFiles = foreignServer('csv_files', { wrapper: 'file_fdw', renamedFrom: 'files' });

export const prices = foreignTable('public', 'prices', {
  server: csvFiles,
  columns: { id: { type: 'integer', notNull: true }, title: { type: 'text', renamedFrom: 'label' } },
  options: { filename: '/tmp/prices.csv', format: 'csv' },
});

export const wordsDict = textSearchDictionary('public', 'words_dict', { template: 'simple', options: { stopwords: 'english' }, renamedFrom: 'plain_dict' });

export const docSearch = textSearchConfiguration('public', 'doc_search', { mappings: { asciiword: [wordsDict] }, renamedFrom: 'my_search' });

export const docs = table('docs', {
  columns: { id: c.integer().primaryKey(), title: c.text(), body: c.text() },
  indexes: (t) => [index('docs_fts').on(sql`to_tsvector('public.doc_search'::regconfig, ${t.body})`).using('gin')],
});

export const docsFeed = publication('docs_feed', { tables: [docs], renamedFrom: 'docs_pub' });

export const docsStats = statistics(docs, 'docs_text_stats', { on: [docs.columns.title, docs.columns.body], kinds: ['dependencies'], renamedFrom: 'docs_title_body' });
