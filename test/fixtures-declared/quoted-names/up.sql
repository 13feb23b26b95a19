-- schemakit migration: 8 statements
-- hazards: none

CREATE SCHEMA "My Schema";

CREATE TYPE "My Schema"."Level" AS ENUM ('Low', 'HIGH');

CREATE TABLE "My Schema"."User" (
  "select" integer NOT NULL,
  "Display Name" text NOT NULL,
  "say ""hi""" text,
  "order" "My Schema"."Level" DEFAULT 'HIGH'::"My Schema"."Level",
  "from" integer,
  CONSTRAINT "Display Name Not Empty" CHECK (("Display Name" <> ''::text)),
  CONSTRAINT "User_pkey" PRIMARY KEY ("select")
);

ALTER TABLE "My Schema"."User" ADD CONSTRAINT "User_from_fkey" FOREIGN KEY ("from") REFERENCES "My Schema"."User" ("select");

CREATE INDEX "User Order Idx" ON "My Schema"."User" USING btree ("order", "say ""hi""");

COMMENT ON SCHEMA "My Schema" IS 'Names that need quotes';

COMMENT ON TABLE "My Schema"."User" IS 'Reserved word as table name';

COMMENT ON COLUMN "My Schema"."User"."Display Name" IS 'A name with a space';
