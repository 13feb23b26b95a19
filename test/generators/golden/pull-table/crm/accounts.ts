import { c, check, foreignKey, index, sql, table } from 'schemakit';
import { crm } from './schema';
import { status } from './types';

export const accounts = table(crm, 'accounts', {
  comment: 'Customer accounts',
  columns: {
    id: c.bigint().generatedAlwaysAsIdentity().primaryKey(),
    name: c.text().notNull().unique(),
    email: c.type('public.citext').comment('Billing e-mail, case-insensitive'),
    status: c.enum(status).notNull().default('new'),
    tags: c.text().array().default(['a', 'b c']),
    settings: c.jsonb().notNull().default({ sizes: [1, 2], theme: 'dark' }),
    created_at: c.timestamptz().notNull().default(sql`now()`),
    balance: c.numeric(12, 2).notNull().default(0),
    ratio: c.real().default(0.5),
    parent_id: c.bigint(),
    lower_name: c.text().generatedAlwaysAs((t) => sql`lower(${t.name})`),
  },
  foreignKeys: (t) => [foreignKey([t.parent_id]).references(() => t.id).onDelete('set-null')],
  checks: (t) => [check('balance_not_negative', sql`${t.balance} >= (0)::numeric`).comment('No credit')],
  indexes: (t) => [
    index().on(t.created_at.desc()),
    index().on(sql`lower((${t.email})::text)`),
    index('accounts_open_idx').on(t.name).include(t.status).where(sql`${t.status} <> 'closed'::crm.status`).comment('Open accounts by name'),
    index('accounts_settings_gin').on(t.settings.opclass('jsonb_path_ops')).using('gin'),
  ],
});
