import { c, index, table } from 'schemakit';

/** Replicated by a unique index other than the primary key. */
export const events = table('events', {
  columns: { id: c.integer().primaryKey(), code: c.text().notNull() },
  indexes: (t) => [index('events_code_key').on(t.code).unique()],
  replicaIdentity: { index: 'events_code_key' },
});

/** Replicated with whole old rows. */
export const audit = table('audit', {
  columns: { id: c.integer() },
  replicaIdentity: 'full',
});
