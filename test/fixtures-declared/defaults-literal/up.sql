-- schemakit migration: 1 statement
-- hazards: none

CREATE TABLE public.settings (
  name text DEFAULT 'it''s'::text,
  retries integer DEFAULT 3,
  offset_by integer DEFAULT '-1'::integer,
  quota bigint DEFAULT '10000000000'::bigint,
  price numeric(8,2) DEFAULT 9.99,
  ratio double precision DEFAULT 0.5,
  enabled boolean DEFAULT false NOT NULL,
  starts_on date DEFAULT '2024-01-01'::date,
  config jsonb DEFAULT '{"sizes": [1, 2], "theme": "dark"}'::jsonb,
  raw json DEFAULT '[]'::json,
  labels text[] DEFAULT '{a,"b c"}'::text[],
  empty_labels text[] DEFAULT '{}'::text[],
  magic bytea DEFAULT '\x00ff'::bytea,
  "window" interval DEFAULT '1 day'::interval,
  host inet DEFAULT '127.0.0.1'::inet
);
