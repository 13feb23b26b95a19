-- schemakit migration: 10 statements
-- hazards: none

CREATE TABLE public.audit_logs (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  user_id uuid,
  action character varying(100) NOT NULL,
  "timestamp" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT audit_logs_pkey PRIMARY KEY (id, "timestamp"),
  CONSTRAINT valid_action CHECK (((action)::text = ANY (ARRAY[('create'::character varying)::text, ('read'::character varying)::text, ('update'::character varying)::text, ('delete'::character varying)::text])))
) PARTITION BY RANGE ("timestamp");

CREATE TABLE public.audit_logs_default PARTITION OF public.audit_logs DEFAULT;

CREATE TABLE public.audit_logs_y2024m01 PARTITION OF public.audit_logs FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2024-02-01 00:00:00+00');

CREATE TABLE public.audit_logs_y2024m02 PARTITION OF public.audit_logs FOR VALUES FROM ('2024-02-01 00:00:00+00') TO ('2024-03-01 00:00:00+00');

CREATE TABLE public.audit_logs_y2024m03 PARTITION OF public.audit_logs FOR VALUES FROM ('2024-03-01 00:00:00+00') TO ('2024-04-01 00:00:00+00');

ALTER TABLE public.audit_logs ADD CONSTRAINT audit_logs_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users (id) ON DELETE SET NULL;

CREATE INDEX idx_audit_logs_timestamp ON public.audit_logs USING btree ("timestamp" DESC);

CREATE INDEX idx_audit_logs_user_id ON public.audit_logs USING btree (user_id);

COMMENT ON TABLE public.audit_logs IS 'Who did what, by month';

COMMENT ON TABLE public.audit_logs_default IS 'rows outside every month';
