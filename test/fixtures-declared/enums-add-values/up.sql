-- schemakit migration: 4 statements
-- hazards: none
-- statements marked "outside transaction" cannot run in the migration transaction; schemakit apply runs them first

-- outside transaction
ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'bored' BEFORE 'sad';

-- outside transaction
ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'ok' BEFORE 'happy';

-- outside transaction
ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'ecstatic';

ALTER TABLE public.people ALTER COLUMN mood SET DEFAULT 'ok'::public.mood;
