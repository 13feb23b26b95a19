import { c, check, index, sql, table } from 'schemakit';
import { createdAt, id, isActive, jsonObject, updatedAt } from './columns';
import { reporting, subscriptionTier } from './schema';

/** Tenants of the platform. */
export const organizations = table(reporting, 'organizations', {
  comment: 'Tenants: every user, template and report belongs to one organization',
  columns: {
    id: id(),
    name: c.varchar(255).notNull().unique().comment('Display name, unique across the platform'),
    domain: c.varchar(255).comment('E-mail domain used for sign-up'),
    slug: c.varchar(100).notNull().unique().comment('URL-safe identifier'),
    description: c.text(),
    settings: jsonObject(),
    created_at: createdAt(),
    updated_at: updatedAt(),
    is_active: isActive(),
    subscription_tier: c.enum(subscriptionTier).notNull().default('free'),
    subscription_expires_at: c.timestamptz(),
    max_users: c.integer().notNull().default(10),
    max_reports: c.integer().notNull().default(100),
    storage_limit_gb: c.integer().notNull().default(5),
  },
  checks: (t) => [
    check('valid_slug', sql`${t.slug} ~* '^[a-z0-9-]{3,50}$'`),
    check('valid_domain', sql`${t.domain} ~* '^[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$' OR ${t.domain} IS NULL`),
    check('valid_limits', sql`${t.max_users} > 0 AND ${t.max_reports} > 0 AND ${t.storage_limit_gb} >= 0`),
  ],
  indexes: (t) => [
    index('idx_organizations_domain').on(t.domain).where(sql`${t.domain} IS NOT NULL`),
    index('idx_organizations_is_active').on(t.is_active),
    index('idx_organizations_subscription_tier').on(t.subscription_tier),
  ],
});
