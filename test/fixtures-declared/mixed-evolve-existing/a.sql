-- Version 1 of a small blog, as it is live.
CREATE TYPE post_state AS ENUM ('draft', 'published');
CREATE TABLE authors (
  id integer PRIMARY KEY,
  handle varchar(50) NOT NULL UNIQUE,
  legacy_flag boolean,
  bio text
);
CREATE TABLE posts (
  id integer PRIMARY KEY,
  author_id integer NOT NULL,
  title varchar(100) NOT NULL,
  state post_state NOT NULL DEFAULT 'draft',
  views integer NOT NULL DEFAULT 0,
  CONSTRAINT posts_title_check CHECK (length(title) > 3)
);
CREATE INDEX posts_title_idx ON posts (title);
COMMENT ON TABLE posts IS 'Blog posts';
