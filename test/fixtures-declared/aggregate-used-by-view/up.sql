-- schemakit migration: 8 statements
-- hazards: none

CREATE SCHEMA stats;

CREATE AGGREGATE stats.median(double precision ORDER BY anyelement) (
  SFUNC = ordered_set_transition,
  STYPE = internal,
  FINALFUNC = percentile_disc_final,
  FINALFUNC_EXTRA
);

CREATE OR REPLACE AGGREGATE public.total(integer) (
  SFUNC = public.add_int,
  STYPE = integer,
  COMBINEFUNC = public.add_int,
  INITCOND = '10',
  PARALLEL = SAFE
);

CREATE TABLE public.items (
  id integer NOT NULL,
  qty integer NOT NULL,
  CONSTRAINT items_pkey PRIMARY KEY (id)
);

DROP AGGREGATE public.gone(integer);

CREATE VIEW public.item_stats AS
SELECT public.total(items.qty) AS total,
    stats.median((0.5)::double precision) WITHIN GROUP (ORDER BY items.qty) AS median
   FROM public.items;

COMMENT ON SCHEMA stats IS 'aggregates (issue 9)';

COMMENT ON AGGREGATE public.total(integer) IS 'sum of integers, from ten';
