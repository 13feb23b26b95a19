import { c, table } from 'schemakit';

/** A column of an extension's type, spelled schema-qualified. */
export const accounts = table('accounts', {
  columns: {
    id: c.bigint().generatedAlwaysAsIdentity().primaryKey(),
    email: c.type<string>('public.citext').notNull().unique(),
    nickname: c.type<string>('citext'),
  },
});
