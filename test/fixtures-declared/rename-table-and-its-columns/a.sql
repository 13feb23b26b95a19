CREATE TABLE person (
  person_id integer PRIMARY KEY,
  person_name text
);
CREATE TABLE pet (
  id integer PRIMARY KEY,
  owner integer REFERENCES person (person_id)
);
