import { plainColumn, plainTable, type Catalog, type Column, type Table } from '../../src/model';

const col = (name: string, type: string, more: Partial<Column> = {}): Column => ({
  kind: 'Column', name, type, notNull: false, default: null, identity: null, generated: null, collation: null, comment: null, ...plainColumn, ...more,
});
const base = { deferrable: false, initiallyDeferred: false, comment: null };
const table = (schema: string, name: string, columns: Column[], comment: string | null = null): Table => ({ kind: 'Table', schema, name, columns, comment, ...plainTable });

/** A small catalog with awkward names: spaces, dots, quotes and pipes, a self reference, a cross-schema key. */
export const smallCatalog: Catalog = {
  kind: 'Catalog',
  views: [],
  routines: [],
  triggers: [],
  eventTriggers: [],
  sequences: [],
  domains: [],
  compositeTypes: [],
  collations: [],
  grants: null,
  schemas: [
    { kind: 'Schema', name: 'app', comment: 'The application | core' },
    { kind: 'Schema', name: 'My Schema', comment: null },
  ],
  extensions: [{ kind: 'Extension', name: 'citext', schema: 'public', version: null, comment: 'case-insensitive text' }],
  enums: [{ kind: 'Enum', schema: 'app', name: 'status', values: ['new', "it's | done"], comment: 'Lifecycle' }],
  tables: [
    table('app', 'users', [
      col('id', 'bigint', { notNull: true, identity: 'always', comment: 'Surrogate key' }),
      col('email', 'text', { notNull: true, collation: '"C"' }),
      col('status', 'app.status', { notNull: true, default: "'new'::app.status" }),
      col('manager_id', 'bigint'),
      col('email_lower', 'text', { generated: 'lower(email)' }),
    ], 'People who sign in.\nSecond line with <b>html</b>.'),
    table('My Schema', 'a.b "c"', [
      col('pi|pe', 'numeric(10,2)', { comment: 'has a | pipe and `ticks`' }),
      col('user_id', 'bigint', { notNull: true }),
    ]),
  ],
  indexes: [
    {
      kind: 'Index', schema: 'app', table: 'users', name: 'users_status_idx', unique: false, method: 'btree',
      keys: [{ column: 'status', expression: null, opclass: null, collation: null, descending: true, nullsFirst: true }, { column: null, expression: 'lower(email)', opclass: null, collation: null, descending: false, nullsFirst: false }],
      include: ['manager_id'], where: "status <> 'new'::app.status", nullsNotDistinct: false, comment: 'Listing | by status',
    },
  ],
  policies: [],
  constraints: [
    { kind: 'ForeignKey', schema: 'My Schema', table: 'a.b "c"', name: 'ab_user_fkey', columns: ['user_id'], refSchema: 'app', refTable: 'users', refColumns: ['id'], onUpdate: 'no-action', onDelete: 'cascade', match: 'simple', ...base, deferrable: true },
    { kind: 'PrimaryKey', schema: 'app', table: 'users', name: 'users_pkey', columns: ['id'], ...base },
    { kind: 'Check', schema: 'app', table: 'users', name: 'users_email_check', expression: "(email ~~ '%@%'::text)", noInherit: false, ...base },
    { kind: 'ForeignKey', schema: 'app', table: 'users', name: 'users_manager_fkey', columns: ['manager_id'], refSchema: 'app', refTable: 'users', refColumns: ['id'], onUpdate: 'no-action', onDelete: 'set-null', match: 'simple', ...base },
    { kind: 'Unique', schema: 'app', table: 'users', name: 'users_email_key', columns: ['email'], nullsNotDistinct: true, ...base },
  ],
};
