CREATE TYPE level AS ENUM ('low', 'high');
CREATE TABLE members (
  id integer CONSTRAINT members_pkey PRIMARY KEY,
  display_name text,
  level level
);
CREATE INDEX members_display_name_idx ON members (display_name);
