-- schemakit migration: 8 statements
-- hazards: deletes-data

REVOKE DELETE ON TABLE public.docs FROM sk_writer;

-- hazard deletes-data: public.undeclared_grants_stay: dropping the table deletes all its rows
DROP TABLE public.undeclared_grants_stay;

CREATE SEQUENCE public.doc_numbers;

GRANT UPDATE (body) ON TABLE public.docs TO sk_writer WITH GRANT OPTION;

GRANT USAGE ON SEQUENCE public.doc_numbers TO sk_reader;

GRANT USAGE ON SEQUENCE public.doc_numbers TO sk_writer;

GRANT INSERT ON TABLE public.docs TO sk_reader;

GRANT SELECT ON TABLE public.docs TO sk_reader;
