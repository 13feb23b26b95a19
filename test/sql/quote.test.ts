import { expect } from 'chai';
import { defaultExpr, ident, isAtomic, isWrapped, literal, parens, qualified } from '../../src/sql';

describe('sql/quote', () => {
  it('leaves plain lower-case names bare', () => {
    for (const n of ['users', '_x', 'a1', 'name', 'text', 'abort', 'data', 'status']) expect(ident(n)).to.equal(n);
  });
  it('quotes reserved, col-name and type-func-name keywords, but not unreserved ones', () => {
    for (const n of ['user', 'select', 'table', 'order', 'integer', 'int', 'between', 'left', 'collation', 'json', 'system_user']) {
      expect(ident(n)).to.equal(`"${n}"`);
    }
    for (const n of ['key', 'type', 'value', 'comment', 'index', 'schema']) expect(ident(n)).to.equal(n);
  });
  it('quotes mixed case, leading digits, spaces and unicode; doubles quotes', () => {
    expect(ident('Users')).to.equal('"Users"');
    expect(ident('1st')).to.equal('"1st"');
    expect(ident('first name')).to.equal('"first name"');
    expect(ident('café')).to.equal('"café"');
    expect(ident('日本')).to.equal('"日本"');
    expect(ident('a"b')).to.equal('"a""b"');
    expect(ident('')).to.equal('""');
    expect(ident('a$b')).to.equal('"a$b"'); // quote_ident quotes $ too
  });
  it('qualifies', () => {
    expect(qualified('public', 'users')).to.equal('public.users');
    expect(qualified('My Schema', 'user')).to.equal('"My Schema"."user"');
  });
  it('quotes literals, doubling quotes and using E-strings only for backslashes', () => {
    expect(literal('abc')).to.equal("'abc'");
    expect(literal("it's")).to.equal("'it''s'");
    expect(literal('a\\b')).to.equal("E'a\\\\b'");
    expect(literal("it's a\\b")).to.equal("E'it''s a\\\\b'");
    expect(literal('ünï')).to.equal("'ünï'");
  });
});

describe('sql/expr', () => {
  it('detects whole-parenthesized expressions', () => {
    expect(isWrapped('(a > 0)')).to.equal(true);
    expect(isWrapped('((a > 0) AND (b > 0))')).to.equal(true);
    expect(isWrapped('(a > 0) AND (b > 0)')).to.equal(false);
    expect(isWrapped("(a = ')')")).to.equal(true);
    expect(parens('a > 0')).to.equal('(a > 0)');
    expect(parens('(a > 0)')).to.equal('(a > 0)');
  });
  it('knows which defaults may follow DEFAULT bare', () => {
    for (const e of [
      "'x'::text",
      '0',
      '-1.5',
      'now()',
      "nextval('public.t_id_seq'::regclass)",
      'CURRENT_TIMESTAMP',
      "'{}'::text[]",
      "'a'::character varying",
      "'2020-01-01'::timestamp without time zone",
      'true',
      "('x'::text || 'y'::text)",
      "'a'::public.status",
      'gen_random_uuid()',
    ]) {
      expect(isAtomic(e), e).to.equal(true);
    }
    for (const e of ["'a'::text || 'b'", 'a AND b', "'x'::text AND true", 'ARRAY[1, 2]', "now() + '1 day'::interval", 'NOT true']) {
      expect(isAtomic(e), e).to.equal(false);
    }
    expect(defaultExpr("now() + '1 day'::interval")).to.equal("(now() + '1 day'::interval)");
  });
});
