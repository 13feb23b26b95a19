CREATE TABLE accounts (
  id integer PRIMARY KEY,
  fullname text NOT NULL CHECK (length(fullname) > 0),
  mail text UNIQUE
);
CREATE INDEX accounts_fullname_idx ON accounts (lower(fullname));
COMMENT ON COLUMN accounts.fullname IS 'Display name';
