-- schemakit migration: 8 statements
-- hazards: none

SET check_function_bodies = off;

DROP TYPE public.oldrange;

DROP TYPE public.floatrange;

CREATE TYPE public.textrange AS RANGE (SUBTYPE = text, COLLATION = "C", MULTIRANGE_TYPE_NAME = public.textranges);

CREATE TYPE public.floatrange AS RANGE (SUBTYPE = double precision, SUBTYPE_DIFF = float8mi);

CREATE FUNCTION public.time_diff(x time without time zone, y time without time zone)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE STRICT
AS $body$SELECT EXTRACT(EPOCH FROM (x - y))::double precision$body$;

CREATE TYPE public.timerange AS RANGE (SUBTYPE = time without time zone, SUBTYPE_DIFF = public.time_diff);

CREATE TABLE public.slots (
  id integer NOT NULL,
  hours public.timerange[],
  score public.floatrange NOT NULL,
  names public.textranges,
  CONSTRAINT slots_pkey PRIMARY KEY (id)
);

COMMENT ON TYPE public.floatrange IS 'ranges of doubles';
