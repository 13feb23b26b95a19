CREATE TABLE memberships (
  team_id integer NOT NULL,
  user_id integer NOT NULL,
  role text
);
