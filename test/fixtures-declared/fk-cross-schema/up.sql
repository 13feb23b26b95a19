-- schemakit migration: 6 statements
-- hazards: none

CREATE SCHEMA billing;

CREATE TABLE billing.invoices (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  user_id bigint NOT NULL,
  total numeric(12,2) NOT NULL,
  CONSTRAINT invoices_pkey PRIMARY KEY (id)
);

CREATE TABLE billing.payments (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  invoice_id bigint NOT NULL,
  CONSTRAINT payments_pkey PRIMARY KEY (id)
);

ALTER TABLE billing.invoices ADD CONSTRAINT invoices_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users (id) ON DELETE RESTRICT;

ALTER TABLE billing.payments ADD CONSTRAINT payments_invoice_id_fkey FOREIGN KEY (invoice_id) REFERENCES billing.invoices (id) ON DELETE CASCADE;

COMMENT ON SCHEMA billing IS 'Invoices and payments';
