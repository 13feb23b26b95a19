import { c, check, foreignKey, index, primaryKey, sql, table, unique, type AnyTableDecl, type ColumnRef } from 'schemakit';
import { mood } from '../public/types';
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

export const contacts = table(crm, 'contacts', {
  columns: {
    account_id: c.bigint().references(() => accounts.columns.id, { onDelete: 'cascade' }),
    seq: c.integer(),
    email: c.varchar(255).collate('C'),
    phone: c.varchar(),
    mood: c.enum(mood),
  },
  primaryKey: (t) => primaryKey(t.account_id, t.seq),
  uniques: (t) => [unique('contacts_email_per_account', [t.account_id, t.email])],
  checks: (t) => [check(sql`${t.seq} > 0`)],
  indexes: (t) => [index().on(t.phone.opclass('varchar_pattern_ops').nullsFirst())],
});

export const departments = table(crm, 'departments', {
  columns: {
    id: c.integer().primaryKey(),
    manager_id: c.integer(),
  },
  foreignKeys: (t) => [foreignKey([t.manager_id]).references((): AnyTableDecl => employees).deferrable()],
});

export const employees = table(crm, 'employees', {
  columns: {
    id: c.integer().primaryKey(),
    department_id: c.integer().notNull().references((): ColumnRef => departments.columns.id),
  },
});

export const notes = table(crm, 'notes', {
  columns: {
    id: c.serial().primaryKey(),
    account_id: c.bigint(),
    contact_seq: c.integer(),
    body: c.text().notNull().default(''),
  },
  foreignKeys: (t) => [foreignKey([t.account_id, t.contact_seq]).references(() => contacts).initiallyDeferred()],
});

export const crmUsers = table(crm, 'users', {
  columns: {
    id: c.uuid().primaryKey().default(sql`gen_random_uuid()`),
    login: c.text().notNull().unique({ nullsNotDistinct: true }),
  },
});
