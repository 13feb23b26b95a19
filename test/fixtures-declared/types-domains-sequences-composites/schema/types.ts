import { collation, compositeType, domain, schema, sequence, sql } from 'schemakit';
import { invoices } from './invoices';

export const billing = schema('billing');

/** A case-insensitive collation (ICU). */
export const caseInsensitive = collation(billing, 'case_insensitive', { provider: 'icu', locale: 'und-u-ks-level2', deterministic: false });

/** An e-mail address: a domain with a named check. */
export const email = domain(billing, 'email', 'text', {
  checks: { email_format: sql`VALUE ~ '^[^@\s]+@[^@\s]+$'` },
  comment: 'An e-mail address',
});

/** A postal address. */
export const address = compositeType(billing, 'address', {
  street: 'text',
  city: { type: 'text', collation: 'C' },
  zip: 'varchar(10)',
});

/** Invoice numbers, owned by the column whose default draws from it. */
export const invoiceNumbers = sequence(billing, 'invoice_numbers', {
  start: 10000,
  increment: 1,
  cache: 10,
  ownedBy: () => invoices.columns.number,
});
