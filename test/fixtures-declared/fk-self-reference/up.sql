-- schemakit migration: 2 statements
-- hazards: may-fail-on-data

ALTER TABLE public.categories ADD COLUMN parent_id integer;

-- hazard may-fail-on-data: public.categories.categories_parent_id_fkey: adding the foreign key fails if existing rows violate it
ALTER TABLE public.categories ADD CONSTRAINT categories_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.categories (id) ON DELETE CASCADE;
