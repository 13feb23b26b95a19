SELECT f(a, (b[1]), c), ARRAY[[1,2],[3]];
CHECK ((status)::text = ANY ((ARRAY['a'::character varying, 'b,c'::character varying])::text[]));
SELECT ')' , "(" , 1);
