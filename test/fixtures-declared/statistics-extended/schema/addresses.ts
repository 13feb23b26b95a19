import { c, sql, statistics, table } from 'schemakit';

export const addresses = table('addresses', {
  columns: {
    id: c.integer().primaryKey(),
    city: c.text(),
    zip: c.text(),
    street: c.text(),
  },
});

/** Kinds changed: dropped and created again. */
export const cityZip = statistics(addresses, 'addresses_city_zip', {
  on: [addresses.columns.city, addresses.columns.zip],
  kinds: ['dependencies', 'mcv'],
  comment: 'zip implies city',
});

/** New: an expression with a column, all kinds, a target. */
export const streets = statistics(addresses, 'addresses_street_lower', {
  on: [addresses.columns.zip, sql`lower(${addresses.columns.street})`],
  target: 200,
});
