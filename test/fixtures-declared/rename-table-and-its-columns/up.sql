-- schemakit migration: 4 statements
-- hazards: none

ALTER TABLE public.person RENAME TO people;

ALTER TABLE public.people RENAME COLUMN person_id TO id;

ALTER TABLE public.people RENAME COLUMN person_name TO name;

ALTER TABLE public.pet RENAME COLUMN owner TO owner_id;
