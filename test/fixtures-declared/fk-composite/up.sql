-- schemakit migration: 4 statements
-- hazards: none

CREATE TABLE public.products (
  tenant_id integer NOT NULL,
  sku text NOT NULL,
  code text NOT NULL,
  CONSTRAINT products_pkey PRIMARY KEY (tenant_id, sku),
  CONSTRAINT products_tenant_id_code_key UNIQUE (tenant_id, code)
);

CREATE TABLE public.stock (
  tenant_id integer NOT NULL,
  sku text NOT NULL,
  code text,
  quantity integer DEFAULT 0 NOT NULL
);

ALTER TABLE public.stock ADD CONSTRAINT stock_by_code_fk FOREIGN KEY (tenant_id, code) REFERENCES public.products (tenant_id, code);

ALTER TABLE public.stock ADD CONSTRAINT stock_tenant_id_sku_fkey FOREIGN KEY (tenant_id, sku) REFERENCES public.products (tenant_id, sku) ON DELETE CASCADE;
