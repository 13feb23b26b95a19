-- header; not a statement
SELECT 1; -- trailing; comment
/* block; /* nested; */ still comment; */ SELECT 2;
SELECT '-- not a comment', "/* nor this */";
SELECT 3 /* unterminated; SELECT 4
