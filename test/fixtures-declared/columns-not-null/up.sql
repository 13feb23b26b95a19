-- schemakit migration: 3 statements
-- hazards: may-fail-on-data, access-exclusive-lock

ALTER TABLE public.orders ADD COLUMN status text DEFAULT 'new'::text NOT NULL;

-- hazard may-fail-on-data: public.orders.customer: SET NOT NULL fails if the column holds nulls
-- hazard access-exclusive-lock: public.orders.customer: SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock
ALTER TABLE public.orders ALTER COLUMN customer SET NOT NULL;

ALTER TABLE public.orders ALTER COLUMN note DROP NOT NULL;
