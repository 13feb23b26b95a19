-- schemakit migration: 5 statements
-- hazards: none

DROP STATISTICS public.addresses_gone;

DROP STATISTICS public.addresses_city_zip;

CREATE STATISTICS public.addresses_street_lower (ndistinct, dependencies, mcv) ON zip, (lower(street)) FROM public.addresses;
ALTER STATISTICS public.addresses_street_lower SET STATISTICS 200;

CREATE STATISTICS public.addresses_city_zip (dependencies, mcv) ON city, zip FROM public.addresses;

COMMENT ON STATISTICS public.addresses_city_zip IS 'zip implies city';
