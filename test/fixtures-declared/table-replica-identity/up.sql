-- schemakit migration: 2 statements
-- hazards: none

ALTER TABLE public.audit REPLICA IDENTITY FULL;

ALTER TABLE public.events REPLICA IDENTITY USING INDEX events_code_key;
