SELECT 'open; SELECT 2;
SELECT "also open
