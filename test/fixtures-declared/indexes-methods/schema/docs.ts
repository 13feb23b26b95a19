import { c, index, table } from 'schemakit';

/** One index per access method, unique indexes, and an index that changes method. */
export const docs = table('docs', {
  columns: {
    id: c.bigint().primaryKey(),
    body: c.jsonb(),
    title: c.text(),
    created_at: c.timestamptz(),
    ip: c.inet(),
    period: c.type('tstzrange'),
    words: c.type('tsvector'),
  },
  indexes: (t) => [
    index('docs_title_idx').on(t.title).using('hash'),
    index().on(t.body).using('gin'),
    index().on(t.created_at).using('brin'),
    index().on(t.period).using('gist'),
    index('docs_ip_gist').on(t.ip.opclass('inet_ops')).using('gist'),
    index().on(t.title).using('spgist'),
    index().on(t.words).using('gin'),
    index('docs_title_created_key').on(t.title, t.created_at).unique(),
    index('docs_ip_key').on(t.ip).unique().nullsNotDistinct(),
  ],
});
