-- schemakit migration: 1 statement
-- hazards: none

CREATE TABLE public.things (
  id uuid NOT NULL,
  active boolean,
  raw json,
  doc jsonb,
  blob bytea,
  host inet,
  network cidr,
  tags text[],
  matrix integer[],
  stamps timestamp with time zone[],
  money_like money,
  point point
);
