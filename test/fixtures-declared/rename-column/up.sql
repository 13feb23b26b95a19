-- schemakit migration: 2 statements
-- hazards: none

ALTER TABLE public.accounts RENAME COLUMN fullname TO display_name;

ALTER TABLE public.accounts RENAME COLUMN mail TO email;
