-- schemakit migration: 22 statements
-- hazards: none

CREATE SCHEMA crm;

CREATE EXTENSION pg_trgm WITH SCHEMA public;

CREATE TYPE crm.stage AS ENUM ('lead', 'customer');

CREATE TABLE crm.companies (
  id integer NOT NULL,
  name text NOT NULL,
  CONSTRAINT companies_name_key UNIQUE (name),
  CONSTRAINT companies_pkey PRIMARY KEY (id)
);

CREATE TABLE crm.contacts (
  id integer NOT NULL,
  company_id integer,
  stage crm.stage DEFAULT 'lead'::crm.stage NOT NULL,
  email text,
  age integer,
  CONSTRAINT contacts_age_check CHECK ((age >= 0)),
  CONSTRAINT contacts_company_id_email_key UNIQUE (company_id, email),
  CONSTRAINT contacts_email_has_at CHECK ((email ~~ '%@%'::text)),
  CONSTRAINT contacts_pkey PRIMARY KEY (id)
);

ALTER TABLE crm.contacts ADD CONSTRAINT contacts_company_id_fkey FOREIGN KEY (company_id) REFERENCES crm.companies (id);

CREATE INDEX contacts_stage_idx ON crm.contacts USING btree (stage);

COMMENT ON SCHEMA crm IS 'Customer relationship management';

COMMENT ON EXTENSION pg_trgm IS 'Trigram matching for fuzzy search';

COMMENT ON TYPE crm.stage IS 'Where a contact is in the funnel';

COMMENT ON TABLE crm.companies IS 'Companies we talk to';

COMMENT ON COLUMN crm.companies.name IS 'Legal name';

COMMENT ON TABLE crm.contacts IS 'People at companies (it''s a join of sorts)';

COMMENT ON COLUMN crm.contacts.company_id IS 'Employer';

COMMENT ON COLUMN crm.contacts.stage IS 'Funnel stage';

COMMENT ON CONSTRAINT contacts_company_id_fkey ON crm.contacts IS 'Contacts belong to companies';

COMMENT ON CONSTRAINT companies_name_key ON crm.companies IS 'One company per legal name';

COMMENT ON CONSTRAINT companies_pkey ON crm.companies IS 'Companies'' identity';

COMMENT ON CONSTRAINT contacts_age_check ON crm.contacts IS 'Ages are not negative';

COMMENT ON CONSTRAINT contacts_company_id_email_key ON crm.contacts IS 'One e-mail per company';

COMMENT ON CONSTRAINT contacts_email_has_at ON crm.contacts IS 'Looks like an e-mail address';

COMMENT ON INDEX crm.contacts_stage_idx IS 'Funnel reports filter by stage';
