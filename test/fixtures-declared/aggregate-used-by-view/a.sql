CREATE FUNCTION public.add_int(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE AGGREGATE public.total(integer) (SFUNC = public.add_int, STYPE = integer, INITCOND = '0');
CREATE AGGREGATE public.gone(integer) (SFUNC = int4larger, STYPE = integer);
