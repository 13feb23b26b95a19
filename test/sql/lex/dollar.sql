CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$
BEGIN RETURN 1; /* $$ */ END
$body$;
DO $$ BEGIN PERFORM 'a;b'; END $$;
SELECT $1, $2::int, a$b, $x$ $y$ ; $x$;
SELECT $tag$ unterminated; SELECT 2
