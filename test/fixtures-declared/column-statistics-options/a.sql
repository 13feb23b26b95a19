CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL, tenant integer NOT NULL);
ALTER TABLE events ALTER COLUMN tenant SET STATISTICS 200;
ALTER TABLE events ALTER COLUMN tenant SET (n_distinct = 1000);
