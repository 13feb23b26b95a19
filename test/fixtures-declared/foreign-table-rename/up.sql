-- schemakit migration: 1 statement
-- hazards: none

ALTER FOREIGN TABLE public.prices RENAME TO price_list;
