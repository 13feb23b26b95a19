import { c, check, enumType, index, schema, sql, table, type ColumnRef } from 'schemakit';

/** A schema whose name needs quoting. */
export const odd = schema('My Schema', { comment: 'Names that need quotes' });

/** An enum with an upper-case name. */
export const level = enumType(odd, 'Level', ['Low', 'HIGH']);

/** Reserved words, upper case, spaces and quotes as names. */
export const user = table(odd, 'User', {
  comment: 'Reserved word as table name',
  columns: {
    select: c.integer().primaryKey(),
    'Display Name': c.text().notNull().comment('A name with a space'),
    'say "hi"': c.text(),
    order: c.enum(level).default('HIGH'),
    from: c.integer().references((): ColumnRef => user.columns.select),
  },
  checks: (t) => [check('Display Name Not Empty', sql`${t['Display Name']} <> ''`)],
  indexes: (t) => [index('User Order Idx').on(t.order, t['say "hi"'])],
});
