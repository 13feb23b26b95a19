CREATE TABLE authors (id integer PRIMARY KEY);
CREATE TABLE books (id integer PRIMARY KEY, author_id integer, editor_id integer, pages integer, isbn text);
INSERT INTO authors VALUES (1);
INSERT INTO books VALUES (1, 1, 1, 10, 'x');
ALTER TABLE books ADD CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id) NOT VALID;
ALTER TABLE books ADD CONSTRAINT books_pages_check CHECK (pages > 0) NOT VALID;
