-- schemakit migration: 1 statement
-- hazards: none

CREATE TABLE public.counters (
  id serial NOT NULL,
  big bigserial NOT NULL,
  small smallserial NOT NULL,
  label text,
  CONSTRAINT counters_pkey PRIMARY KEY (id)
);
