CREATE TYPE public.floatrange AS RANGE (SUBTYPE = float8);
CREATE TYPE public.oldrange AS RANGE (SUBTYPE = integer);
