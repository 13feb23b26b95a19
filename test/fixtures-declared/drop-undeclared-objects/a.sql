CREATE SCHEMA old_stuff;
CREATE TABLE old_stuff.archive (id integer PRIMARY KEY, payload jsonb);
CREATE TYPE flavour AS ENUM ('vanilla', 'chocolate');
CREATE TABLE keep (
  id integer PRIMARY KEY,
  flavour flavour,
  obsolete text,
  CONSTRAINT keep_obsolete_check CHECK (obsolete <> '')
);
CREATE INDEX keep_obsolete_idx ON keep (obsolete);
CREATE TABLE scratch (id integer);
