CREATE FUNCTION public.add_int(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE AGGREGATE public.total(integer) (SFUNC = public.add_int, STYPE = integer, INITCOND = '0');
COMMENT ON AGGREGATE public.total(integer) IS 'sum of integers';
CREATE TABLE public.items (id integer PRIMARY KEY, qty integer NOT NULL);
CREATE VIEW public.totals AS SELECT public.total(qty) AS qty FROM public.items;
