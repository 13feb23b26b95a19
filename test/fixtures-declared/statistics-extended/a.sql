CREATE TABLE addresses (id integer PRIMARY KEY, city text, zip text, street text);
CREATE STATISTICS addresses_city_zip (dependencies) ON city, zip FROM addresses;
CREATE STATISTICS addresses_gone ON city, street FROM addresses;
