-- schemakit migration: 8 statements
-- hazards: none

DROP PUBLICATION undeclared_pub;

ALTER PUBLICATION orders_pub DROP TABLE public.orders;

CREATE SCHEMA sales;

CREATE TABLE sales.deals (
  id integer NOT NULL,
  CONSTRAINT deals_pkey PRIMARY KEY (id)
);

CREATE PUBLICATION deals_pub FOR TABLES IN SCHEMA sales WITH (publish = 'insert, update, delete, truncate', publish_via_partition_root = true);

ALTER PUBLICATION orders_pub SET (publish = 'insert, update', publish_via_partition_root = false);

ALTER PUBLICATION orders_pub ADD TABLE public.orders (id, amount) WHERE ((amount > 0));

COMMENT ON PUBLICATION orders_pub IS 'for the warehouse';
