-- schemakit migration: 19 statements
-- hazards: deletes-data, table-rewrite, access-exclusive-lock, may-fail-on-data, index-build
-- statements marked "outside transaction" cannot run in the migration transaction; schemakit apply runs them first

-- outside transaction
ALTER TYPE public.post_state ADD VALUE IF NOT EXISTS 'archived';

DROP INDEX public.posts_title_idx;

ALTER TABLE public.posts DROP CONSTRAINT posts_title_check;

-- hazard deletes-data: public.authors.legacy_flag: dropping the column deletes its data
ALTER TABLE public.authors DROP COLUMN legacy_flag;

CREATE TABLE public.tags (
  post_id integer NOT NULL,
  tag text NOT NULL,
  CONSTRAINT tags_pkey PRIMARY KEY (post_id, tag)
);

ALTER TABLE public.authors ADD COLUMN created_at timestamp with time zone DEFAULT now() NOT NULL;

ALTER TABLE public.posts ADD COLUMN created_at timestamp with time zone DEFAULT now() NOT NULL;

ALTER TABLE public.authors ALTER COLUMN handle TYPE character varying(80);

ALTER TABLE public.posts ALTER COLUMN views DROP DEFAULT;

-- hazard table-rewrite: public.posts.views: changing the type from integer to bigint rewrites the table
-- hazard access-exclusive-lock: public.posts.views: the table is locked (ACCESS EXCLUSIVE) while it is rewritten
ALTER TABLE public.posts ALTER COLUMN views TYPE bigint USING views::bigint;

ALTER TABLE public.posts ALTER COLUMN views SET DEFAULT 0;

-- hazard may-fail-on-data: public.posts.posts_author_id_fkey: adding the foreign key fails if existing rows violate it
ALTER TABLE public.posts ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.authors (id) ON DELETE CASCADE;

ALTER TABLE public.tags ADD CONSTRAINT tags_post_id_fkey FOREIGN KEY (post_id) REFERENCES public.posts (id) ON DELETE CASCADE;

-- hazard index-build: public.posts_author_id_created_at_idx: building the index blocks writes to public.posts meanwhile
CREATE INDEX posts_author_id_created_at_idx ON public.posts USING btree (author_id, created_at DESC);

-- hazard index-build: public.posts_published_idx: building the index blocks writes to public.posts meanwhile
CREATE INDEX posts_published_idx ON public.posts USING btree (created_at) WHERE (state = 'published'::public.post_state);

COMMENT ON COLUMN public.authors.bio IS 'Markdown';

COMMENT ON COLUMN public.authors.created_at IS 'When the row was created';

COMMENT ON TABLE public.posts IS 'Blog posts and pages';

COMMENT ON COLUMN public.posts.created_at IS 'When the row was created';
