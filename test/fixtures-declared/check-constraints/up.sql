-- schemakit migration: 6 statements
-- hazards: may-fail-on-data

ALTER TABLE public.products DROP CONSTRAINT products_status_check;

-- hazard may-fail-on-data: public.products.discount_below_price: adding the check fails if existing rows violate it
ALTER TABLE public.products ADD CONSTRAINT discount_below_price CHECK ((discount <= price));

-- hazard may-fail-on-data: public.products.discount_is_percent: adding the check fails if existing rows violate it
ALTER TABLE public.products ADD CONSTRAINT discount_is_percent CHECK (((discount >= (0)::numeric) AND (discount <= (100)::numeric)));

-- hazard may-fail-on-data: public.products.products_id_check: adding the check fails if existing rows violate it
ALTER TABLE public.products ADD CONSTRAINT products_id_check CHECK ((id > 0)) NO INHERIT;

-- hazard may-fail-on-data: public.products.products_price_check: adding the check fails if existing rows violate it
ALTER TABLE public.products ADD CONSTRAINT products_price_check CHECK ((price >= (0)::numeric));

-- hazard may-fail-on-data: public.products.products_status_check: adding the check fails if existing rows violate it
ALTER TABLE public.products ADD CONSTRAINT products_status_check CHECK ((status = ANY (ARRAY['draft'::text, 'live'::text, 'archived'::text])));
