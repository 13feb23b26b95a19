-- schemakit migration: 1 statement
-- hazards: none

ALTER AGGREGATE public.total(integer) RENAME TO sum_qty;
