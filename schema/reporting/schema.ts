import { enumType, schema } from 'schemakit';

/** Oatie AI reporting platform: tenants, their users, report templates, reports and their runs. */
export const reporting = schema('reporting', { comment: 'Oatie AI reporting platform' });

/** Subscription plans; an enum rather than a CHECK so the values are a type of their own. */
export const subscriptionTier = enumType(reporting, 'subscription_tier', ['free', 'pro', 'enterprise'], {
  comment: 'Subscription plan of an organization',
});
