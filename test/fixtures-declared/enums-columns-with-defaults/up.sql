-- schemakit migration: 6 statements
-- hazards: none

CREATE SCHEMA shop;

CREATE TYPE public.priority AS ENUM ('low', 'it''s urgent', 'Very "High"');

CREATE TYPE shop.order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');

CREATE TABLE shop.orders (
  id integer NOT NULL,
  status shop.order_status DEFAULT 'pending'::shop.order_status NOT NULL,
  previous shop.order_status[] DEFAULT '{pending}'::shop.order_status[],
  priority public.priority DEFAULT 'it''s urgent'::public.priority,
  CONSTRAINT orders_pkey PRIMARY KEY (id)
);

CREATE INDEX orders_status_idx ON shop.orders USING btree (status);

COMMENT ON TYPE shop.order_status IS 'Lifecycle of an order';
