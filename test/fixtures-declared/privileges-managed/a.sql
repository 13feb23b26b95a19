DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sk_reader') THEN CREATE ROLE sk_reader; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sk_writer') THEN CREATE ROLE sk_writer; END IF;
END $$;
CREATE TABLE public.docs (id integer PRIMARY KEY, body text);
GRANT DELETE ON public.docs TO sk_writer;
CREATE TABLE public.undeclared_grants_stay (id integer);
