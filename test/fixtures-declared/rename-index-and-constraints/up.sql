-- schemakit migration: 6 statements
-- hazards: none

ALTER TABLE public.teams RENAME CONSTRAINT teams_pk TO teams_pkey;

ALTER TABLE public.players RENAME CONSTRAINT players_pk TO players_pkey;

ALTER TABLE public.players RENAME CONSTRAINT players_nick_uq TO players_nick_key;

ALTER TABLE public.players RENAME CONSTRAINT players_number_positive TO players_number_check;

ALTER TABLE public.players RENAME CONSTRAINT players_team_fk TO players_team_id_fkey;

ALTER INDEX public.players_team_ix RENAME TO players_team_id_idx;
