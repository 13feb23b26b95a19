-- schemakit migration: 2 statements
-- hazards: table-rewrite, access-exclusive-lock

-- hazard table-rewrite: public.line_items.total: adding a generated column rewrites the table
-- hazard access-exclusive-lock: public.line_items.total: the table is locked (ACCESS EXCLUSIVE) while it is rewritten
ALTER TABLE public.line_items ADD COLUMN total numeric(12,2) GENERATED ALWAYS AS ((quantity)::numeric * unit_price) STORED;

-- hazard table-rewrite: public.line_items.full_name: adding a generated column rewrites the table
-- hazard access-exclusive-lock: public.line_items.full_name: the table is locked (ACCESS EXCLUSIVE) while it is rewritten
ALTER TABLE public.line_items ADD COLUMN full_name text GENERATED ALWAYS AS ((COALESCE(first_name, ''::text) || ' '::text) || COALESCE(last_name, ''::text)) STORED;
