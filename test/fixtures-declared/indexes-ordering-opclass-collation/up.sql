-- schemakit migration: 6 statements
-- hazards: index-build

DROP INDEX public.posts_published_idx;

-- hazard index-build: public.posts_meta_path_idx: building the index blocks writes to public.posts meanwhile
CREATE INDEX posts_meta_path_idx ON public.posts USING gin (meta jsonb_path_ops);

-- hazard index-build: public.posts_rank_idx: building the index blocks writes to public.posts meanwhile
CREATE INDEX posts_rank_idx ON public.posts USING btree (rank DESC NULLS LAST, id NULLS FIRST);

-- hazard index-build: public.posts_slug_c_idx: building the index blocks writes to public.posts meanwhile
CREATE INDEX posts_slug_c_idx ON public.posts USING btree (slug COLLATE "C" DESC);

-- hazard index-build: public.posts_slug_pattern_idx: building the index blocks writes to public.posts meanwhile
CREATE INDEX posts_slug_pattern_idx ON public.posts USING btree (slug text_pattern_ops);

-- hazard index-build: public.posts_published_idx: building the index blocks writes to public.posts meanwhile
CREATE INDEX posts_published_idx ON public.posts USING btree (published_at DESC);
