import { c, index, key, primaryKey, sql, table } from 'schemakit';
import { audit } from './schema';

export const order = table(audit, 'order', {
  columns: {
    id: c.bigint().generatedByDefaultAsIdentity(),
    at: c.timestamp(0).notNull().default(sql`CURRENT_TIMESTAMP`),
    ip: c.inet(),
    path: c.text(),
    payload: c.json().default([1, 2]),
    total: c.bigint().default('9007199254740993'),
    starts: c.time(3).default('08:00:00'),
    due: c.date().default('2024-01-01'),
    pause: c.interval().default('1 day'),
    magic: c.bytea().default('\\x00ff'),
    code: c.char(2).default('ab'),
    flag: c.boolean().notNull().default(false),
    small: c.smallint().default(-1),
  },
  primaryKey: (t) => primaryKey(t.id).deferrable(),
  indexes: (t) => [
    index('order_at_brin').on(t.at).using('brin'),
    index('order_expr_idx').on(key(sql`${t.path} || 'x'::text`).desc().nullsLast(), t.ip),
    index('order_ip_gist').on(t.ip.opclass('inet_ops')).using('gist'),
    index('order_path_hash').on(t.path).using('hash'),
    index('order_path_key_idx').on(t.path).unique().nullsNotDistinct(),
    index('order_path_spgist').on(t.path).using('spgist'),
  ],
});
