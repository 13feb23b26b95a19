-- schemakit migration: 7 statements
-- hazards: none

CREATE TABLE public.debug_events (
  id integer NOT NULL,
  at timestamp with time zone NOT NULL,
  CONSTRAINT debug_events_pkey PRIMARY KEY (id)
);

CREATE TABLE public.event_log (
  line text NOT NULL
);

CREATE VIEW public.recent_events AS
SELECT events.id,
    events.kind
   FROM public.events
  WHERE (events.at > (now() - '1 day'::interval));

CREATE RULE events_log_deletes AS
    ON DELETE TO public.events DO ( INSERT INTO public.event_log (line)
  VALUES (('deleted '::text || old.id));

 NOTIFY events_deleted;
);

CREATE RULE events_route_debug AS
    ON INSERT TO public.events
   WHERE (new.kind = 'debug'::text) DO INSTEAD  INSERT INTO public.debug_events (id, at)
  VALUES (new.id, new.at);

CREATE RULE recent_events_no_update AS
    ON UPDATE TO public.recent_events DO INSTEAD NOTHING;

COMMENT ON RULE events_route_debug ON public.events IS 'debug events go to debug_events';
