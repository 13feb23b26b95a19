-- schemakit migration: 4 statements
-- hazards: may-fail-on-data, index-build

CREATE TABLE public.grants (
  subject text NOT NULL,
  object text NOT NULL,
  right_name text NOT NULL,
  CONSTRAINT grants_by_subject PRIMARY KEY (subject, object, right_name)
);

CREATE TABLE public.teams (
  id integer NOT NULL,
  name text NOT NULL,
  CONSTRAINT teams_pkey PRIMARY KEY (id)
);

CREATE TABLE public.users (
  id uuid NOT NULL,
  CONSTRAINT users_pk PRIMARY KEY (id)
);

-- hazard may-fail-on-data: public.memberships.memberships_pkey: adding the primary key fails if existing rows violate it
-- hazard index-build: public.memberships.memberships_pkey: builds an index, blocking writes to the table meanwhile
ALTER TABLE public.memberships ADD CONSTRAINT memberships_pkey PRIMARY KEY (team_id, user_id);
