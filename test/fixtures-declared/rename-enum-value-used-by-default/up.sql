-- schemakit migration: 1 statement
-- hazards: none

ALTER TYPE public.status RENAME VALUE 'new' TO 'open';
