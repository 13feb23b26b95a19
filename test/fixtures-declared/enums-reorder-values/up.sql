-- schemakit migration: 6 statements
-- hazards: table-rewrite, access-exclusive-lock

ALTER TABLE public.shirts ALTER COLUMN size DROP DEFAULT;

ALTER TYPE public.size RENAME TO size__schemakit_old;

CREATE TYPE public.size AS ENUM ('small', 'medium', 'large');

-- hazard table-rewrite: public.shirts.size: converting the column to the recreated enum public.size rewrites the table
-- hazard access-exclusive-lock: public.shirts.size: the table is locked (ACCESS EXCLUSIVE) while it is rewritten
ALTER TABLE public.shirts ALTER COLUMN size TYPE public.size USING size::text::public.size;

DROP TYPE public.size__schemakit_old;

ALTER TABLE public.shirts ALTER COLUMN size SET DEFAULT 'medium'::public.size;
