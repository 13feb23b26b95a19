import { c, check, enumType, index, sql, table } from 'schemakit';

/** The enum type is renamed while a check and a partial index predicate cast literals to it. */
export const plan_tier = enumType('public', 'plan_tier', ['free', 'pro'], { renamedFrom: 'tier' });

/** Postgres prints the check and the predicate with the new type name after the rename. */
export const plans = table('plans', {
  columns: {
    id: c.integer().primaryKey(),
    tier: c.enum(plan_tier).notNull(),
    seats: c.integer(),
  },
  checks: (t) => [check('plans_seats_check', sql`${t.tier} = 'pro' OR ${t.seats} IS NULL`)],
  indexes: (t) => [index('plans_pro_idx').on(t.id).where(sql`${t.tier} = 'pro'`)],
});
