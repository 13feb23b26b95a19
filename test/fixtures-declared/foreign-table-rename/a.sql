CREATE EXTENSION file_fdw;
CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
CREATE FOREIGN TABLE public.prices (id integer NOT NULL, label text) SERVER files OPTIONS (filename '/tmp/prices.csv', format 'csv');
COMMENT ON FOREIGN TABLE public.prices IS 'price list';
