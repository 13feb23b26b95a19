-- schemakit migration: 3 statements
-- hazards: none

ALTER TYPE public.colour RENAME TO color;

ALTER TYPE public.color RENAME VALUE 'grn' TO 'green';

ALTER TYPE public.color RENAME VALUE 'blu' TO 'blue';
