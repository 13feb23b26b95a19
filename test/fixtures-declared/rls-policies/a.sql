CREATE TABLE documents (id bigint PRIMARY KEY, owner name NOT NULL, body text);
