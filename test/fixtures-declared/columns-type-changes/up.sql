-- schemakit migration: 6 statements
-- hazards: table-rewrite, access-exclusive-lock, may-fail-on-data

ALTER TABLE public.readings ALTER COLUMN code TYPE character varying(20);

ALTER TABLE public.readings ALTER COLUMN note TYPE text;

-- hazard table-rewrite: public.readings.value: changing the type from text to integer rewrites the table
-- hazard access-exclusive-lock: public.readings.value: the table is locked (ACCESS EXCLUSIVE) while it is rewritten
-- hazard may-fail-on-data: public.readings.value: existing values may not convert from text to integer
ALTER TABLE public.readings ALTER COLUMN value TYPE integer USING value::integer;

-- hazard table-rewrite: public.readings.amount: changing the type from integer to numeric(12,2) rewrites the table
-- hazard access-exclusive-lock: public.readings.amount: the table is locked (ACCESS EXCLUSIVE) while it is rewritten
-- hazard may-fail-on-data: public.readings.amount: existing values may not convert from integer to numeric(12,2)
ALTER TABLE public.readings ALTER COLUMN amount TYPE numeric(12,2) USING amount::numeric(12,2);

-- hazard table-rewrite: public.readings.payload: changing the type from json to jsonb rewrites the table
-- hazard access-exclusive-lock: public.readings.payload: the table is locked (ACCESS EXCLUSIVE) while it is rewritten
-- hazard may-fail-on-data: public.readings.payload: existing values may not convert from json to jsonb
ALTER TABLE public.readings ALTER COLUMN payload TYPE jsonb USING payload::jsonb;

-- hazard table-rewrite: public.readings.taken_at: changing the type from timestamp without time zone to timestamp with time zone rewrites the table
-- hazard access-exclusive-lock: public.readings.taken_at: the table is locked (ACCESS EXCLUSIVE) while it is rewritten
ALTER TABLE public.readings ALTER COLUMN taken_at TYPE timestamp with time zone USING taken_at::timestamp with time zone;
