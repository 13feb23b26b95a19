-- schemakit migration: 2 statements
-- hazards: none

COMMENT ON COLUMN public.active.email IS 'Lower-cased address';

COMMENT ON COLUMN public.active.id IS 'The user';
