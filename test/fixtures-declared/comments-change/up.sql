-- schemakit migration: 6 statements
-- hazards: none

COMMENT ON SCHEMA app IS 'new';

COMMENT ON TYPE app.kind IS NULL;

COMMENT ON COLUMN app.items.kind IS 'added';

COMMENT ON COLUMN app.items.label IS NULL;

COMMENT ON CONSTRAINT items_pkey ON app.items IS 'new pk';

COMMENT ON INDEX app.items_kind_idx IS 'new ''index''';
