CREATE TYPE colour AS ENUM ('red', 'grn', 'blu');
CREATE TABLE paints (id integer PRIMARY KEY, shade colour NOT NULL DEFAULT 'red', history colour[]);
COMMENT ON TYPE colour IS 'Paint colours';
