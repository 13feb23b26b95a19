SELECT 'it''s; fine', E'it\'s; \\', e'a''b', 'x' 'y', '', B'101', X'1F', N'n', U&'d\0061t';
SELECT 'multi
line; string', type'x';
