-- schemakit migration: 4 statements
-- hazards: none

CREATE UNLOGGED TABLE public.booking_imports (
  line text,
  payload jsonb,
  note text COMPRESSION pglz
);

CREATE TABLE public.bookings (
  id bigint NOT NULL,
  room_id integer NOT NULL,
  during tstzrange NOT NULL,
  guest text,
  cancelled boolean DEFAULT false NOT NULL,
  CONSTRAINT bookings_guest_lower EXCLUDE USING gist ((lower(guest)) WITH =, during WITH &&),
  CONSTRAINT bookings_pkey PRIMARY KEY (id),
  CONSTRAINT bookings_room_id_during_guest_excl EXCLUDE USING gist (room_id WITH =, during WITH &&) INCLUDE (guest) WHERE (NOT cancelled) DEFERRABLE
) WITH (fillfactor = 80);

ALTER TABLE public.booking_imports ALTER COLUMN payload SET STORAGE EXTERNAL;

COMMENT ON CONSTRAINT bookings_guest_lower ON public.bookings IS 'a guest is in one room at a time';
