CREATE TABLE users (id integer PRIMARY KEY, email text);
CREATE VIEW active AS SELECT id, email FROM users;
COMMENT ON COLUMN active.id IS 'old';
