-- schemakit migration: 8 statements
-- hazards: none

DROP SERVER undeclared;

CREATE SCHEMA ext;

CREATE FOREIGN TABLE ext.rates (
    day date,
    rate numeric(10,4)
) SERVER files OPTIONS (filename '/tmp/rates.csv', format 'csv');

ALTER FOREIGN TABLE public.prices ALTER COLUMN id TYPE bigint, ALTER COLUMN id SET NOT NULL, ALTER COLUMN id OPTIONS (ADD force_not_null 'true'), ALTER COLUMN label TYPE character varying(40), ALTER COLUMN label SET DEFAULT 'none'::character varying, OPTIONS (ADD format 'csv', ADD header 'true');

GRANT SELECT ON TABLE ext.rates TO PUBLIC;

COMMENT ON SERVER files IS 'CSV files on the database host';

COMMENT ON FOREIGN TABLE ext.rates IS 'daily rates';

COMMENT ON COLUMN public.prices.label IS 'shown to users';
