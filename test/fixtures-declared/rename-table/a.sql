CREATE SCHEMA sales;
CREATE TABLE sales.customer (
  id integer PRIMARY KEY,
  name text NOT NULL
);
CREATE INDEX customer_name_idx ON sales.customer (name);
COMMENT ON TABLE sales.customer IS 'Customers';
