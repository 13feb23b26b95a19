0 word "SELECT"
0 string "'open; SELECT 2;\nSELECT \"also open\n"
-- statements
1: "SELECT 'open; SELECT 2;\nSELECT \"also open"
