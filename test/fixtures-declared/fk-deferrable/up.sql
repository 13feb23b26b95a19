-- schemakit migration: 4 statements
-- hazards: may-fail-on-data

ALTER TABLE public.children DROP CONSTRAINT children_parent_id_fkey;

ALTER TABLE public.children ADD COLUMN other_parent_id integer;

-- hazard may-fail-on-data: public.children.children_other_parent_id_fkey: adding the foreign key fails if existing rows violate it
ALTER TABLE public.children ADD CONSTRAINT children_other_parent_id_fkey FOREIGN KEY (other_parent_id) REFERENCES public.parents (id) DEFERRABLE INITIALLY DEFERRED;

-- hazard may-fail-on-data: public.children.children_parent_id_fkey: adding the foreign key fails if existing rows violate it
ALTER TABLE public.children ADD CONSTRAINT children_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.parents (id) DEFERRABLE;
