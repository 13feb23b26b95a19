import { c, index, table } from 'schemakit';

/** Key ordering (DESC, NULLS FIRST/LAST), operator classes and key collations. */
export const posts = table('posts', {
  columns: {
    id: c.integer().primaryKey(),
    slug: c.text(),
    published_at: c.timestamptz(),
    rank: c.integer(),
    meta: c.jsonb(),
  },
  indexes: (t) => [
    index('posts_published_idx').on(t.published_at.desc()),
    index('posts_rank_idx').on(t.rank.desc().nullsLast(), t.id.asc().nullsFirst()),
    index('posts_slug_pattern_idx').on(t.slug).opclass('text_pattern_ops'),
    index('posts_slug_c_idx').on(t.slug.collate('C').desc().nullsFirst()),
    index('posts_meta_path_idx').on(t.meta.opclass('jsonb_path_ops')).using('gin'),
  ],
});
