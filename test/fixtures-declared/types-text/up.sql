-- schemakit migration: 1 statement
-- hazards: none

CREATE TABLE public.profiles (
  bio text,
  handle character varying(30) NOT NULL,
  anything character varying,
  country character(2),
  flag character(1)
);
