CREATE TYPE status AS ENUM ('active', 'archived', 'inactive');
CREATE TABLE accounts (
  id integer PRIMARY KEY,
  status status NOT NULL DEFAULT 'archived',
  history status[]
);
INSERT INTO accounts VALUES (1, 'active', '{active}'), (2, 'archived', '{archived,active}'), (3, 'inactive', NULL);
