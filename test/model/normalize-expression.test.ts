import { expect } from 'chai';
import { normalizeExpression, splitTopLevel } from '../../src/model';

/** DB-free, table-driven: expression texts as Postgres prints them, and their canonical form. */
describe('normalizeExpression', () => {
  const cases: [name: string, input: string, output: string][] = [
    ['leaves other expressions alone', '(price > (0)::numeric)', '(price > (0)::numeric)'],
    [
      'varchar IN list: casts moved inside the array (the deparse fixpoint)',
      "((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))",
      "((status)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text]))",
    ],
    [
      'already canonical: unchanged',
      "((status)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text]))",
      "((status)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text]))",
    ],
    [
      'commas and brackets inside literals are not separators',
      "((s)::text = ANY ((ARRAY['a,b'::character varying, ']x['::character varying])::text[]))",
      "((s)::text = ANY (ARRAY[('a,b'::character varying)::text, (']x['::character varying)::text]))",
    ],
    ['the marker inside a string literal is not rewritten', "(note <> 'ANY ((ARRAY[1])::text[])'::text)", "(note <> 'ANY ((ARRAY[1])::text[])'::text)"],
    [
      'two lists in one expression',
      "(((a)::text = ANY ((ARRAY['x'::character varying])::text[])) AND ((b)::text = ANY ((ARRAY['y'::character varying])::text[])))",
      "(((a)::text = ANY (ARRAY[('x'::character varying)::text])) AND ((b)::text = ANY (ARRAY[('y'::character varying)::text])))",
    ],
  ];
  for (const [name, input, output] of cases) it(name, () => expect(normalizeExpression(input)).to.equal(output));
});

describe('splitTopLevel', () => {
  const cases: [string, string[]][] = [
    ['a, b, c', ['a', 'b', 'c']],
    ['f(a, b), \'x, y\', "c,d"', ['f(a, b)', "'x, y'", '"c,d"']],
    ['ARRAY[1, 2], x', ['ARRAY[1, 2]', 'x']],
    ["E'it\\'s, here', z", ["E'it\\'s, here'", 'z']],
    ['a,', ['a']],
    ['', []],
  ];
  for (const [input, parts] of cases) it(JSON.stringify(input), () => expect(splitTopLevel(input)).to.deep.equal(parts));
});
