-- schemakit migration: 4 statements
-- hazards: none

ALTER TABLE public.events ALTER COLUMN kind SET STATISTICS 1000;

ALTER TABLE public.events ALTER COLUMN kind SET (n_distinct = -0.05);

ALTER TABLE public.events ALTER COLUMN tenant SET STATISTICS -1;

ALTER TABLE public.events ALTER COLUMN tenant SET (n_distinct = 2000);
