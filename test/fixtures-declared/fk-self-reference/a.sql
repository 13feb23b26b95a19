CREATE TABLE categories (id integer PRIMARY KEY, name text NOT NULL);
