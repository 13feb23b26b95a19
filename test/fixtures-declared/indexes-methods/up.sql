-- schemakit migration: 10 statements
-- hazards: index-build, may-fail-on-data

DROP INDEX public.docs_title_idx;

-- hazard index-build: public.docs_body_idx: building the index blocks writes to public.docs meanwhile
CREATE INDEX docs_body_idx ON public.docs USING gin (body);

-- hazard index-build: public.docs_created_at_idx: building the index blocks writes to public.docs meanwhile
CREATE INDEX docs_created_at_idx ON public.docs USING brin (created_at);

-- hazard index-build: public.docs_ip_gist: building the index blocks writes to public.docs meanwhile
CREATE INDEX docs_ip_gist ON public.docs USING gist (ip inet_ops);

-- hazard index-build: public.docs_ip_key: building the index blocks writes to public.docs meanwhile
-- hazard may-fail-on-data: public.docs_ip_key: a unique index fails if existing rows have duplicates
CREATE UNIQUE INDEX docs_ip_key ON public.docs USING btree (ip) NULLS NOT DISTINCT;

-- hazard index-build: public.docs_period_idx: building the index blocks writes to public.docs meanwhile
CREATE INDEX docs_period_idx ON public.docs USING gist (period);

-- hazard index-build: public.docs_title_created_key: building the index blocks writes to public.docs meanwhile
-- hazard may-fail-on-data: public.docs_title_created_key: a unique index fails if existing rows have duplicates
CREATE UNIQUE INDEX docs_title_created_key ON public.docs USING btree (title, created_at);

-- hazard index-build: public.docs_title_idx1: building the index blocks writes to public.docs meanwhile
CREATE INDEX docs_title_idx1 ON public.docs USING spgist (title);

-- hazard index-build: public.docs_words_idx: building the index blocks writes to public.docs meanwhile
CREATE INDEX docs_words_idx ON public.docs USING gin (words);

-- hazard index-build: public.docs_title_idx: building the index blocks writes to public.docs meanwhile
CREATE INDEX docs_title_idx ON public.docs USING hash (title);
