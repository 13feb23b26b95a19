CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'old';
CREATE TYPE app.kind AS ENUM ('a', 'b');
COMMENT ON TYPE app.kind IS 'to remove';
CREATE TABLE app.items (
  id integer CONSTRAINT items_pkey PRIMARY KEY,
  kind app.kind,
  label text
);
COMMENT ON TABLE app.items IS 'Items';
COMMENT ON COLUMN app.items.label IS 'old label';
COMMENT ON CONSTRAINT items_pkey ON app.items IS 'old pk';
CREATE INDEX items_kind_idx ON app.items (kind);
COMMENT ON INDEX app.items_kind_idx IS 'old index';
