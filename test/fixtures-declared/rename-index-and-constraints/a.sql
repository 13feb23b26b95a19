CREATE TABLE teams (id integer CONSTRAINT teams_pk PRIMARY KEY);
CREATE TABLE players (
  id integer CONSTRAINT players_pk PRIMARY KEY,
  team_id integer CONSTRAINT players_team_fk REFERENCES teams (id),
  number integer CONSTRAINT players_number_positive CHECK (number > 0),
  nick text CONSTRAINT players_nick_uq UNIQUE
);
CREATE INDEX players_team_ix ON players (team_id);
