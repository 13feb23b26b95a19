SELECT x::int, a<>b, a>=b, a<=b, a!=b, 1.5e10, 42, 3.14, -1, a.b, a||b;
