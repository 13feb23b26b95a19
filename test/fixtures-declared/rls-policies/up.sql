-- schemakit migration: 8 statements
-- hazards: none

ALTER TABLE public.documents ADD COLUMN published boolean DEFAULT false NOT NULL;

ALTER TABLE public.documents ALTER COLUMN owner SET DEFAULT CURRENT_USER;

ALTER TABLE public.documents ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.documents FORCE ROW LEVEL SECURITY;

CREATE POLICY documents_not_empty ON public.documents AS RESTRICTIVE FOR INSERT TO PUBLIC WITH CHECK (body IS NOT NULL);

CREATE POLICY documents_owner ON public.documents TO PUBLIC USING (owner = CURRENT_USER) WITH CHECK (owner = CURRENT_USER);

CREATE POLICY documents_published ON public.documents FOR SELECT TO PUBLIC USING (published);

COMMENT ON POLICY documents_owner ON public.documents IS 'owners see and write their rows';
