import { c, enumType, foreignKey, index, primaryKey, sql, table } from 'schemakit';
import { createdAt } from './columns';

/** A value added at the end. */
export const postState = enumType('public', 'post_state', ['draft', 'published', 'archived']);

/** Version 2: a column dropped, one widened, one added from a helper. */
export const authors = table('authors', {
  columns: {
    id: c.integer().primaryKey(),
    handle: c.varchar(80).notNull().unique(),
    bio: c.text().comment('Markdown'),
    created_at: createdAt(),
  },
});

/** Version 2: a type widened (rewrite), a foreign key added, a check dropped, indexes replaced. */
export const posts = table('posts', {
  comment: 'Blog posts and pages',
  columns: {
    id: c.integer().primaryKey(),
    author_id: c.integer().notNull(),
    title: c.varchar(100).notNull(),
    state: c.enum(postState).notNull().default('draft'),
    views: c.bigint().notNull().default(0),
    created_at: createdAt(),
  },
  foreignKeys: (t) => [foreignKey([t.author_id]).references(() => authors).onDelete('cascade')],
  indexes: (t) => [
    index().on(t.author_id, t.created_at.desc()),
    index('posts_published_idx').on(t.created_at).where(sql`${t.state} = 'published'`),
  ],
});

/** A new table. */
export const tags = table('tags', {
  columns: {
    post_id: c.integer().notNull().references(() => posts.columns.id, { onDelete: 'cascade' }),
    tag: c.text().notNull(),
  },
  primaryKey: (t) => primaryKey(t.post_id, t.tag),
});
