-- schemakit migration: 6 statements
-- hazards: none

ALTER SERVER files RENAME TO csv_files;

ALTER PUBLICATION docs_pub RENAME TO docs_feed;

ALTER TEXT SEARCH DICTIONARY public.plain_dict RENAME TO words_dict;

ALTER TEXT SEARCH CONFIGURATION public.my_search RENAME TO doc_search;

ALTER STATISTICS public.docs_title_body RENAME TO docs_text_stats;

ALTER FOREIGN TABLE public.prices RENAME COLUMN label TO title;
