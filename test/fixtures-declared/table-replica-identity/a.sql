CREATE TABLE events (id integer PRIMARY KEY, code text NOT NULL);
CREATE UNIQUE INDEX events_code_key ON events (code);
CREATE TABLE audit (id integer);
