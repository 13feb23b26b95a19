CREATE TABLE orders (
  id integer PRIMARY KEY,
  customer text,
  note text NOT NULL
);
