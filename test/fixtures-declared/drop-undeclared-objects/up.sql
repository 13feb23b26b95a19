-- schemakit migration: 8 statements
-- hazards: deletes-data

DROP INDEX public.keep_obsolete_idx;

ALTER TABLE public.keep DROP CONSTRAINT keep_obsolete_check;

-- hazard deletes-data: public.keep.flavour: dropping the column deletes its data
ALTER TABLE public.keep DROP COLUMN flavour;

-- hazard deletes-data: public.keep.obsolete: dropping the column deletes its data
ALTER TABLE public.keep DROP COLUMN obsolete;

-- hazard deletes-data: old_stuff.archive: dropping the table deletes all its rows
DROP TABLE old_stuff.archive;

-- hazard deletes-data: public.scratch: dropping the table deletes all its rows
DROP TABLE public.scratch;

DROP TYPE public.flavour;

DROP SCHEMA old_stuff;
