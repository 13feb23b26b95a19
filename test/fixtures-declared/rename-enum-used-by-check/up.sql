-- schemakit migration: 1 statement
-- hazards: none

ALTER TYPE public.tier RENAME TO plan_tier;
