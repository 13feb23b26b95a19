import { c, index, key, sql, table } from 'schemakit';

/** Partial, expression, mixed and covering (INCLUDE) indexes. */
export const users = table('users', {
  columns: {
    id: c.bigint().primaryKey(),
    email: c.text().notNull(),
    tenant_id: c.integer().notNull(),
    name: c.text(),
    deleted_at: c.timestamptz(),
    score: c.integer(),
  },
  indexes: (t) => [
    index('users_email_live_key').on(sql`lower(${t.email})`).unique().where(sql`${t.deleted_at} IS NULL`),
    index('users_tenant_name_idx').on(t.tenant_id, sql`upper(${t.name})`),
    index().on(t.tenant_id).include(t.email, t.name),
    index('users_scored_idx').on(key(sql`coalesce(${t.score}, 0)`).desc()).where(sql`${t.score} > ${10} AND ${t.deleted_at} IS NULL`),
  ],
});
