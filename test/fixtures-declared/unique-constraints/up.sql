-- schemakit migration: 6 statements
-- hazards: may-fail-on-data, index-build

ALTER TABLE public.accounts DROP CONSTRAINT accounts_slug_key;

-- hazard may-fail-on-data: public.accounts.accounts_email_key: adding the unique constraint fails if existing rows violate it
-- hazard index-build: public.accounts.accounts_email_key: builds an index, blocking writes to the table meanwhile
ALTER TABLE public.accounts ADD CONSTRAINT accounts_email_key UNIQUE (email);

-- hazard may-fail-on-data: public.accounts.accounts_external_ref_uq: adding the unique constraint fails if existing rows violate it
-- hazard index-build: public.accounts.accounts_external_ref_uq: builds an index, blocking writes to the table meanwhile
ALTER TABLE public.accounts ADD CONSTRAINT accounts_external_ref_uq UNIQUE (external_ref);

-- hazard may-fail-on-data: public.accounts.accounts_tenant_id_email_key: adding the unique constraint fails if existing rows violate it
-- hazard index-build: public.accounts.accounts_tenant_id_email_key: builds an index, blocking writes to the table meanwhile
ALTER TABLE public.accounts ADD CONSTRAINT accounts_tenant_id_email_key UNIQUE NULLS NOT DISTINCT (tenant_id, email);

-- hazard may-fail-on-data: public.accounts.accounts_tenant_slug_key: adding the unique constraint fails if existing rows violate it
-- hazard index-build: public.accounts.accounts_tenant_slug_key: builds an index, blocking writes to the table meanwhile
ALTER TABLE public.accounts ADD CONSTRAINT accounts_tenant_slug_key UNIQUE (tenant_id, slug) DEFERRABLE;

-- hazard may-fail-on-data: public.accounts.accounts_slug_key: adding the unique constraint fails if existing rows violate it
-- hazard index-build: public.accounts.accounts_slug_key: builds an index, blocking writes to the table meanwhile
ALTER TABLE public.accounts ADD CONSTRAINT accounts_slug_key UNIQUE NULLS NOT DISTINCT (slug);
