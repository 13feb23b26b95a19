-- schemakit migration: 7 statements
-- hazards: none

CREATE TABLE public.customers (
  id integer NOT NULL,
  region text DEFAULT 'eu'::text NOT NULL,
  CONSTRAINT customers_pkey PRIMARY KEY (id)
);

CREATE TABLE public.orders (
  id integer NOT NULL,
  cascade_id integer,
  nulled_id integer,
  restricted_id integer,
  defaulted_id integer DEFAULT 0,
  plain_id integer,
  CONSTRAINT orders_pkey PRIMARY KEY (id)
);

ALTER TABLE public.orders ADD CONSTRAINT orders_cascade_id_fkey FOREIGN KEY (cascade_id) REFERENCES public.customers (id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE public.orders ADD CONSTRAINT orders_defaulted_fk FOREIGN KEY (defaulted_id) REFERENCES public.customers (id) ON DELETE SET DEFAULT;

ALTER TABLE public.orders ADD CONSTRAINT orders_nulled_id_fkey FOREIGN KEY (nulled_id) REFERENCES public.customers (id) ON DELETE SET NULL;

ALTER TABLE public.orders ADD CONSTRAINT orders_plain_fk FOREIGN KEY (plain_id) REFERENCES public.customers (id) MATCH FULL;

ALTER TABLE public.orders ADD CONSTRAINT orders_restricted_id_fkey FOREIGN KEY (restricted_id) REFERENCES public.customers (id) ON UPDATE RESTRICT ON DELETE RESTRICT;
