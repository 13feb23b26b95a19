import { c, sql, table } from 'schemakit';

/** SQL expressions as defaults (sql``), set on existing columns, on a new column, and one removed. */
export const sessions = table('sessions', {
  columns: {
    id: c.uuid().primaryKey().default(sql`gen_random_uuid()`),
    created_at: c.timestamptz().notNull().default(sql`now()`),
    token: c.text(),
    expires_at: c.timestamptz().default(sql`CURRENT_TIMESTAMP + interval '1 hour'`),
    day: c.date().default(sql`CURRENT_DATE`),
    who: c.text().default(sql`current_user`),
    shard: c.integer().default(sql`(2 * 8)`),
  },
});
