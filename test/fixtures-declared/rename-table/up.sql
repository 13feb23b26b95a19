-- schemakit migration: 1 statement
-- hazards: none

ALTER TABLE sales.customer RENAME TO clients;
