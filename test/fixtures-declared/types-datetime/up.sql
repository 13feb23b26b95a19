-- schemakit migration: 1 statement
-- hazards: none

CREATE TABLE public.events (
  day date,
  at_time time without time zone,
  at_time_ms time(3) without time zone,
  at_timetz time with time zone,
  local_at timestamp without time zone,
  local_at_s timestamp(0) without time zone,
  happened_at timestamp with time zone NOT NULL,
  happened_at_ms timestamp(3) with time zone,
  lasted interval
);
