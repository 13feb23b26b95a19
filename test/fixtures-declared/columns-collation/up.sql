-- schemakit migration: 3 statements
-- hazards: none

ALTER TABLE public.words ADD COLUMN sort_key text COLLATE "POSIX";

ALTER TABLE public.words ALTER COLUMN word TYPE text COLLATE "C";

ALTER TABLE public.words ALTER COLUMN code TYPE character varying(10) COLLATE pg_catalog."default";
