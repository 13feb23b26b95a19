CREATE TABLE docs (
  id bigint PRIMARY KEY,
  body jsonb,
  title text,
  created_at timestamptz,
  ip inet,
  period tstzrange,
  words tsvector
);
CREATE INDEX docs_title_idx ON docs (title);
