CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  created_at timestamptz,
  token text DEFAULT 'x'
);
