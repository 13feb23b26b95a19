-- schemakit migration: 1 statement
-- hazards: none

CREATE TABLE public.measurements (
  tiny smallint,
  count integer NOT NULL,
  big bigint,
  amount numeric(12,2),
  whole numeric(10,0),
  exact numeric,
  ratio real,
  precise double precision
);
