CREATE TABLE "a;b" ("My ""Col""" int, "x".y text, "" int);
SELECT "tbl"."col" FROM "s"."t"; SELECT café FROM "naïve";
