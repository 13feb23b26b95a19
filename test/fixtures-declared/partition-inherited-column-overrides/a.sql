CREATE TABLE parcels (id bigint NOT NULL, depot text NOT NULL, courier text, fee numeric DEFAULT 2) PARTITION BY LIST (depot);
CREATE TABLE parcels_east PARTITION OF parcels (fee DEFAULT 3) FOR VALUES IN ('east');
