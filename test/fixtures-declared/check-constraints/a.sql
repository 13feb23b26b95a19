CREATE TABLE products (
  id integer PRIMARY KEY,
  price numeric(10,2),
  discount numeric(10,2),
  status text,
  CONSTRAINT products_status_check CHECK (status IN ('draft', 'live'))
);
