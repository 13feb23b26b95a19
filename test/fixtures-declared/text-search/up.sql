-- schemakit migration: 7 statements
-- hazards: none

DROP TEXT SEARCH CONFIGURATION public.gone;

ALTER TEXT SEARCH DICTIONARY public.simple_dict (stopwords = 'english', accept);

CREATE TEXT SEARCH CONFIGURATION public.bare (PARSER = "default");
ALTER TEXT SEARCH CONFIGURATION public.bare ADD MAPPING FOR asciiword, word WITH simple;

CREATE TEXT SEARCH CONFIGURATION public.my_search (PARSER = "default");
ALTER TEXT SEARCH CONFIGURATION public.my_search ADD MAPPING FOR asciihword, hword, hword_asciipart, hword_part, word WITH english_stem;
ALTER TEXT SEARCH CONFIGURATION public.my_search ADD MAPPING FOR asciiword WITH public.simple_dict, english_stem;
ALTER TEXT SEARCH CONFIGURATION public.my_search ADD MAPPING FOR email, file, "float", host, hword_numpart, "int", numhword, numword, sfloat, uint, url, url_path, version WITH simple;

CREATE TABLE public.docs (
  id integer NOT NULL,
  body text,
  CONSTRAINT docs_pkey PRIMARY KEY (id)
);

CREATE INDEX docs_fts ON public.docs USING gin ((to_tsvector('public.my_search'::regconfig, body)));

COMMENT ON TEXT SEARCH DICTIONARY public.simple_dict IS 'no stop words';
