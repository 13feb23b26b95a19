-- schemakit migration: 7 statements
-- hazards: table-rewrite, access-exclusive-lock, may-fail-on-data

ALTER TABLE public.accounts ALTER COLUMN status DROP DEFAULT;

ALTER TYPE public.status RENAME TO status__schemakit_old;

CREATE TYPE public.status AS ENUM ('active', 'inactive');

-- hazard table-rewrite: public.accounts.status: converting the column to the recreated enum public.status rewrites the table
-- hazard access-exclusive-lock: public.accounts.status: the table is locked (ACCESS EXCLUSIVE) while it is rewritten
-- hazard may-fail-on-data: public.accounts.status: rows are remapped ('archived' → 'inactive'); the conversion fails if a remap names no value of the new type
ALTER TABLE public.accounts ALTER COLUMN status TYPE public.status USING (CASE status::text WHEN 'archived' THEN 'inactive' ELSE status::text END)::public.status;

-- hazard table-rewrite: public.accounts.history: converting the column to the recreated enum public.status rewrites the table
-- hazard access-exclusive-lock: public.accounts.history: the table is locked (ACCESS EXCLUSIVE) while it is rewritten
-- hazard may-fail-on-data: public.accounts.history: rows are remapped ('archived' → 'inactive'); the conversion fails if a remap names no value of the new type
ALTER TABLE public.accounts ALTER COLUMN history TYPE public.status[] USING array_replace(history::text[], 'archived', 'inactive')::public.status[];

DROP TYPE public.status__schemakit_old;

ALTER TABLE public.accounts ALTER COLUMN status SET DEFAULT 'inactive'::public.status;
