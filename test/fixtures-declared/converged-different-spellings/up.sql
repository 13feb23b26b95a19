-- schemakit migration: 4 statements
-- hazards: none

ALTER TABLE inventory."Items" ALTER COLUMN tags DROP DEFAULT;

ALTER TABLE inventory."Items" ALTER COLUMN tags SET DEFAULT '{}'::text[];

ALTER TABLE inventory."Items" ALTER COLUMN added DROP DEFAULT;

ALTER TABLE inventory."Items" ALTER COLUMN added SET DEFAULT now();
