CREATE EXTENSION file_fdw;
CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
CREATE FOREIGN TABLE public.prices (id integer, label text) SERVER files OPTIONS (filename '/tmp/prices.csv');
CREATE SERVER undeclared FOREIGN DATA WRAPPER file_fdw;
