-- The declarations of schema/ written by hand in other spellings: aliases (int4, varchar, bool,
-- timestamptz), explicit names Postgres would give anyway, NOW() for now(), an untyped array literal, IN lists,
-- quoted lower-case identifiers, table constraints for column ones, and an index in a different case.
CREATE SCHEMA "inventory";
COMMENT ON SCHEMA inventory IS 'Stock keeping';
CREATE TYPE inventory.unit AS ENUM ('piece', 'kg');
CREATE TABLE "inventory"."Items" (
  "id" INT4 GENERATED ALWAYS AS IDENTITY,
  sku VARCHAR(32) NOT NULL,
  Name Character Varying,
  unit inventory.unit not null default 'piece'::inventory.unit,
  qty NUMERIC(10, 2) DEFAULT 0.00 CONSTRAINT "Items_qty_check" CHECK (qty >= 0),
  active BOOL DEFAULT TRUE,
  tags TEXT[] DEFAULT '{}',
  added TIMESTAMPTZ DEFAULT NOW(),
  kind text CHECK (kind in ('a','b')),
  CONSTRAINT "Items_pkey" PRIMARY KEY (id),
  UNIQUE (sku)
);
CREATE TABLE inventory.moves (
  item_id int REFERENCES inventory."Items" ON DELETE CASCADE ON UPDATE NO ACTION,
  at timestamp(0) without time zone
);
CREATE INDEX ON inventory.moves USING BTREE (item_id ASC NULLS LAST);
CREATE INDEX moves_day_idx ON inventory.moves (date_trunc('day', at) DESC NULLS FIRST);
COMMENT ON COLUMN inventory."Items".sku IS 'Stock keeping unit';
