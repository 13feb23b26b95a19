import { expect } from 'chai';
import { sqlTemplate, unwrapParens } from '../../src/generators/pull/sql-template';

/** Postgres-printed SQL → the `sql` tag pull writes, with the table's columns `a`, `b`, `Mixed` and `x"y`. */
const TEMPLATE_CASES: readonly [string, string][] = [
  ['a > 0', 'sql`${t.a} > 0`'],
  ['(a > 0) AND (b IS NOT NULL)', 'sql`(${t.a} > 0) AND (${t.b} IS NOT NULL)`'],
  ['"Mixed" <> \'\'::text', "sql`${t.Mixed} <> ''::text`"],
  ['"x""y" IS NULL', "sql`${t['x\"y']} IS NULL`"],
  // a string literal, a quoted name that is no column, a column inside a string with a doubled quote
  ["b = 'a'' b'", "sql`${t.b} = 'a'' b'`"],
  ['"A" = \'a\'', 'sql`"A" = \'a\'`'],
  // never a cast's type, a qualified name's part or a function
  ['(b)::a', 'sql`(${t.b})::a`'],
  ['b:: a.b', 'sql`${t.b}:: a.b`'],
  ['x.a = a (1)', 'sql`x.a = a (1)`'],
  ['lower(a) = a', 'sql`lower(${t.a}) = ${t.a}`'],
  // upper-case words are keywords, never columns
  ['A IS NULL', 'sql`A IS NULL`'],
  // text a raw template cannot carry
  ['a = `b`', "sql.raw('a = `b`')"],
  ["a = '${b}'", 'sql.raw("a = \'${b}\'")'],
];

const PAREN_CASES: readonly [string, string][] = [
  ['((a > 0))', 'a > 0'],
  ['(a > 0) AND (b > 0)', '(a > 0) AND (b > 0)'],
  ["(a = ')')", "a = ')'"],
  ['("a)" > 0)', '"a)" > 0'],
  ['(a', '(a'],
  ['(a))', '(a))'],
  [' ( (lower(a)) ) ', 'lower(a)'],
];

describe('pull: SQL as the sql tag (on the one lexer)', () => {
  const columns = new Set(['a', 'b', 'Mixed', 'x"y']);
  for (const [text, expected] of TEMPLATE_CASES) {
    it(`sqlTemplate ${text}`, () => expect(sqlTemplate(text, columns)).to.equal(expected));
  }
  for (const [text, expected] of PAREN_CASES) {
    it(`unwrapParens ${text}`, () => expect(unwrapParens(text)).to.equal(expected));
  }
});
