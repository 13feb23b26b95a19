-- schemakit migration: 4 statements
-- hazards: may-fail-on-data, access-exclusive-lock

CREATE TABLE public.parcels_west PARTITION OF public.parcels FOR VALUES IN ('west');

-- hazard may-fail-on-data: public.parcels_east.courier: SET NOT NULL fails if the column holds nulls
-- hazard access-exclusive-lock: public.parcels_east.courier: SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock
ALTER TABLE ONLY public.parcels_east ALTER COLUMN courier SET NOT NULL;

ALTER TABLE ONLY public.parcels_east ALTER COLUMN fee DROP DEFAULT;

ALTER TABLE ONLY public.parcels_west ALTER COLUMN courier SET DEFAULT 'van'::text;
