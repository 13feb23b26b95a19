-- schemakit migration: 3 statements
-- hazards: none

CREATE EXTENSION citext WITH SCHEMA public;

CREATE TABLE public.accounts (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  email public.citext NOT NULL,
  nickname public.citext,
  CONSTRAINT accounts_email_key UNIQUE (email),
  CONSTRAINT accounts_pkey PRIMARY KEY (id)
);

COMMENT ON EXTENSION citext IS 'case-insensitive text for e-mail addresses';
