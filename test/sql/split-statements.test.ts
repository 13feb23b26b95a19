import { expect } from 'chai';
import { splitStatements, stripComments, tokenize } from '../../src/sql';
import { present } from '../support/present';

describe('splitStatements', () => {
  it('splits at semicolons outside strings, quoted names, dollar quotes and comments, with start lines', () => {
    const script = [
      '-- header; not a statement',
      "SET lock_timeout = '3s';",
      '/* block; /* nested; */ still comment; */',
      "CREATE TABLE \"a;b\" (x text DEFAULT 'it''s; fine');",
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$',
      'BEGIN RETURN 1; END',
      '$body$;',
      "SELECT E'\\'; still', $$;$$, $1",
      ';;',
      'ALTER TABLE t ADD COLUMN c int -- trailing; comment',
    ].join('\n');
    const st = splitStatements(script);
    expect(st.map((s) => s.line)).to.deep.equal([2, 4, 5, 8, 10]);
    expect(present(st[1]).sql).to.equal("CREATE TABLE \"a;b\" (x text DEFAULT 'it''s; fine')");
    expect(present(st[2]).sql).to.contain('BEGIN RETURN 1; END');
    expect(present(st[3]).sql).to.equal("SELECT E'\\'; still', $$;$$, $1");
    expect(stripComments(present(st[4]).sql).trim()).to.equal('ALTER TABLE t ADD COLUMN c int');
  });

  it('keeps a semicolon inside parentheses in its statement, as psql does (the actions of a rule)', () => {
    const script = 'CREATE RULE r AS ON UPDATE TO t DO ALSO (INSERT INTO log VALUES (1); NOTIFY t_changed;\n);\nSELECT 2;';
    expect(splitStatements(script).map((s) => s.sql)).to.deep.equal([
      'CREATE RULE r AS ON UPDATE TO t DO ALSO (INSERT INTO log VALUES (1); NOTIFY t_changed;\n)',
      'SELECT 2',
    ]);
  });

  it('is tolerant: an unterminated quote runs to the end', () => {
    expect(splitStatements("SELECT 'open; SELECT 2").map((s) => s.sql)).to.deep.equal(["SELECT 'open; SELECT 2"]);
    expect(splitStatements('  -- only a comment\n')).to.deep.equal([]);
  });

  it('tokenizes words, quoted names, literals and punctuation', () => {
    expect(tokenize(`alter TABLE "My"."T" add x int DEFAULT E'a''b'::text; -- c`).map((t) => `${t.kind}:${t.upper}`)).to.deep.equal([
      'word:ALTER',
      'word:TABLE',
      'quoted:My',
      'punct:.',
      'quoted:T',
      'word:ADD',
      'word:X',
      'word:INT',
      'word:DEFAULT',
      "string:E'a''b'",
      'punct:::',
      'word:TEXT',
      'punct:;',
    ]);
  });
});
