-- schemakit migration: 3 statements
-- hazards: may-fail-on-data, irreversible

-- hazard may-fail-on-data: public.books.books_pages_check: validating fails if existing rows violate it (it stays NOT VALID)
-- hazard irreversible: public.books.books_pages_check: a validated constraint cannot be made NOT VALID again
ALTER TABLE public.books VALIDATE CONSTRAINT books_pages_check;

ALTER TABLE public.books ADD CONSTRAINT books_isbn_check CHECK ((isbn <> ''::text)) NOT VALID;

ALTER TABLE public.books ADD CONSTRAINT books_editor_id_fkey FOREIGN KEY (editor_id) REFERENCES public.authors (id) NOT VALID;
