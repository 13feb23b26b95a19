-- schemakit migration: 8 statements
-- hazards: none

CREATE SCHEMA billing;

CREATE COLLATION billing.case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

CREATE SEQUENCE billing.invoice_numbers START WITH 10000 CACHE 10;

CREATE DOMAIN billing.email AS text CONSTRAINT email_format CHECK ((VALUE ~ '^[^@\s]+@[^@\s]+$'::text));

CREATE TYPE billing.address AS (street text, city text COLLATE "C", zip character varying(10));

CREATE TABLE billing.invoices (
  id bigint GENERATED ALWAYS AS IDENTITY (INCREMENT BY 10 START WITH 1000) NOT NULL,
  number bigint DEFAULT nextval('billing.invoice_numbers'::regclass) NOT NULL,
  customer_email billing.email NOT NULL,
  customer_name text COLLATE billing.case_insensitive,
  billing_address billing.address,
  CONSTRAINT invoices_pkey PRIMARY KEY (id)
);

ALTER SEQUENCE billing.invoice_numbers OWNED BY billing.invoices.number;

COMMENT ON DOMAIN billing.email IS 'An e-mail address';
