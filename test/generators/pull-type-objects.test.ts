import { expect } from 'chai';
import { renderPull } from '../../src/generators';
import { introspect } from '../../src/introspect';
import { engines, useFreshDb } from '../support/engines';
import { planAfterPull } from './pull-round-trip';

/** Sequences, domains and composite types, used by columns. */
export const TYPE_OBJECTS_SQL = `
  CREATE SCHEMA billing;
  CREATE DOMAIN billing.email AS text COLLATE "C" NOT NULL DEFAULT 'nobody@example.com'
    CONSTRAINT email_format CHECK (VALUE ~ '^[^@]+@[^@]+$') CONSTRAINT email_short CHECK (length(VALUE) < 200);
  COMMENT ON DOMAIN billing.email IS 'An e-mail address';
  CREATE DOMAIN billing.positive AS integer CHECK (VALUE > 0);
  CREATE TYPE billing.address AS (street text, city text COLLATE "C", zip varchar(10));
  COMMENT ON TYPE billing.address IS 'A postal address';
  CREATE TYPE billing.empty AS ();
  CREATE SEQUENCE billing.counter AS integer INCREMENT BY -2 CACHE 5 CYCLE;
  CREATE SEQUENCE billing.big START WITH 1000 MAXVALUE 9999999 NO CYCLE;
  CREATE TABLE billing.invoices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number bigint NOT NULL,
    customer_email billing.email,
    amounts billing.positive[],
    billing_address billing.address
  );
  CREATE SEQUENCE billing.invoice_numbers START WITH 10000 OWNED BY billing.invoices.number;
  ALTER TABLE billing.invoices ALTER COLUMN number SET DEFAULT nextval('billing.invoice_numbers');
  COMMENT ON SEQUENCE billing.invoice_numbers IS 'invoice numbers';
`;

/** Pull writes sequences, domains and composite types that load back to the same objects. */
for (const engine of engines) {
  describe(`generators/pull type objects (${engine.name})`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine);

    it('pulls sequences, domains and composite types, and columns of those types; the plan after it is empty', async () => {
      await db().exec(TYPE_OBJECTS_SQL);
      const files = renderPull(await introspect(db()));
      expect(files.get('billing/invoices.ts')).to.include('c.type(email)');
      expect(await planAfterPull(db(), files)).to.deep.equal([]);
    });
  });
}
