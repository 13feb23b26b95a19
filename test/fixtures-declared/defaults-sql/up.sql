-- schemakit migration: 8 statements
-- hazards: may-fail-on-data, access-exclusive-lock

ALTER TABLE public.sessions ADD COLUMN expires_at timestamp with time zone DEFAULT (CURRENT_TIMESTAMP + '01:00:00'::interval);

ALTER TABLE public.sessions ADD COLUMN day date DEFAULT CURRENT_DATE;

ALTER TABLE public.sessions ADD COLUMN who text DEFAULT CURRENT_USER;

ALTER TABLE public.sessions ADD COLUMN shard integer DEFAULT (2 * 8);

ALTER TABLE public.sessions ALTER COLUMN id SET DEFAULT gen_random_uuid();

-- hazard may-fail-on-data: public.sessions.created_at: SET NOT NULL fails if the column holds nulls
-- hazard access-exclusive-lock: public.sessions.created_at: SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock
ALTER TABLE public.sessions ALTER COLUMN created_at SET NOT NULL;

ALTER TABLE public.sessions ALTER COLUMN created_at SET DEFAULT now();

ALTER TABLE public.sessions ALTER COLUMN token DROP DEFAULT;
