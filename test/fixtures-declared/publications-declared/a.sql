CREATE TABLE public.orders (id integer PRIMARY KEY, amount integer NOT NULL, note text);
CREATE PUBLICATION orders_pub FOR TABLE public.orders;
CREATE PUBLICATION undeclared_pub FOR ALL TABLES;
