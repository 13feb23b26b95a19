CREATE TABLE parents (id integer PRIMARY KEY);
CREATE TABLE children (
  id integer PRIMARY KEY,
  parent_id integer CONSTRAINT children_parent_id_fkey REFERENCES parents (id)
);
