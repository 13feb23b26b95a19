CREATE TABLE posts (
  id integer PRIMARY KEY,
  slug text,
  published_at timestamptz,
  rank integer,
  meta jsonb
);
CREATE INDEX posts_published_idx ON posts (published_at);
