CREATE TYPE status AS ENUM ('new', 'done');
CREATE TABLE tasks (
  id integer PRIMARY KEY,
  status status NOT NULL DEFAULT 'new',
  CONSTRAINT tasks_not_new_check CHECK (status <> 'new' OR id > 0)
);
CREATE INDEX tasks_open_idx ON tasks (id) WHERE status = 'new';
