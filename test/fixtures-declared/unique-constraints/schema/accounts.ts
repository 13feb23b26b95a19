import { c, table, unique } from 'schemakit';

/** Unique constraints: column-level, composite, NULLS NOT DISTINCT, deferrable, and one turned NULLS NOT DISTINCT. */
export const accounts = table('accounts', {
  columns: {
    id: c.integer().primaryKey(),
    email: c.text().unique(),
    tenant_id: c.integer(),
    slug: c.text().unique({ nullsNotDistinct: true }),
    external_ref: c.text().unique({ name: 'accounts_external_ref_uq' }),
  },
  uniques: (t) => [
    unique([t.tenant_id, t.email]).nullsNotDistinct(),
    unique('accounts_tenant_slug_key', [t.tenant_id, t.slug]).deferrable(),
  ],
});
