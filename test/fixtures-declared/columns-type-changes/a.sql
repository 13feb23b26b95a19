CREATE TABLE readings (
  id integer PRIMARY KEY,
  code varchar(10),
  note varchar(200),
  value text,
  amount integer,
  payload json,
  taken_at timestamp
);
