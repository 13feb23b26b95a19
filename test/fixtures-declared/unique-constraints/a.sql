CREATE TABLE accounts (
  id integer PRIMARY KEY,
  email text,
  tenant_id integer,
  slug text,
  external_ref text,
  CONSTRAINT accounts_slug_key UNIQUE (slug)
);
